// United States personal identifiers: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { driversLicense } from './drivers-license.js'
import { phoneNumber } from './phone-number.js'
import { usDrugEnforcementAgencyNumber } from './us-drug-enforcement-agency-number.js'
import { usaHealthInsuranceClaimNumber } from './usa-health-insurance-claim-number.js'
import { usaHealthcareProcedureCode } from './usa-healthcare-procedure-code.js'
import { usaIndividualTaxIdentificationNumber } from './usa-individual-tax-identification-number.js'
import { usaMedicareBeneficiaryIdentifier } from './usa-medicare-beneficiary-identifier.js'
import { usaNationalDrugCode } from './usa-national-drug-code.js'
import { usaNationalProviderIdentifier } from './usa-national-provider-identifier.js'
import { usaPassportNumber } from './usa-passport-number.js'
import { usaSocialSecurityNumber } from './usa-social-security-number.js'

/** US personal and health identifiers. */
export const usIdentifiers: readonly Identifier[] = [
  usaSocialSecurityNumber,
  usaIndividualTaxIdentificationNumber,
  usaPassportNumber,
  driversLicense,
  phoneNumber,
  usaHealthInsuranceClaimNumber,
  usaMedicareBeneficiaryIdentifier,
  usaNationalProviderIdentifier,
  usDrugEnforcementAgencyNumber,
  usaNationalDrugCode,
  usaHealthcareProcedureCode,
]
