import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { medicalDeviceUdi } from './medical-device-udi.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['UDI: (01)00884421234561(17)261231(10)LOT7A', ['(01)00884421234561(17)261231(10)LOT7A']],
  ['unique device identifier (01) 10376543210983 (11) 250101 (21) SN-0042', ['(01) 10376543210983 (11) 250101 (21) SN-0042']],
  ['GS1 01008844212345611726123110LOT7A', ['01008844212345611726123110LOT7A']],
  ['device id 0105401234000012', ['0105401234000012']],
  ['HIBCC +H7261CATH2040J', ['+H7261CATH2040J']],
  ['udi *+H7261CATH2040/$$32707LOT4411P*', ['+H7261CATH2040/$$32707LOT4411P']],
  ['ICCBBA =/B1234LIG001T0944=,000025', ['=/B1234LIG001T0944=,000025']],
  ['blood bag =,000012', ['=,000012']],
  ['UDI: (01)00884421234562(17)261231', []], // GTIN check digit fails
  ['UDI: (01)00884421234561(17)261331', []], // month 13
  ['HIBCC +H7261CATH2040K', []], // mod-43 check fails
  ['udi +B207X44RT9 ', []], // check character is a space: not matched
  ['ICCBBA =/B1234LIG001T09', []], // product description code too short
  ['UDI: (01)00000000000000', []], // one repeated digit
  ['UDI: (01)00614141999996', []], // GS1's example GTIN
  ['UDI: (01)51022222233336(11)141231(17)150707(10)A213B1(21)1234', []], // the FDA's example
  ['HIBCC +A123BJC5D6E71G', []], // the HIBC standard's example
  ['ICCBBA =/A9999XYZ100T0944', []], // ICCBBA's example facility
  ['shipment (01)00884421234561(17)261231 received', []], // no keyword
  ['udi noted in the log; later, after the delivery, (01)00884421234561', []], // keyword too far
  ['medicine (01)00884421234561', []], // keyword only inside another word
]

describe(medicalDeviceUdi.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(medicalDeviceUdi, text).map((d) => d.match), expected))
  }
  it('counts a column named device_identifier as the keyword', () => {
    assert.deepEqual(detectIn(medicalDeviceUdi, '+H7261CATH2040J', { labels: ['device_identifier'] }).map((d) => d.match), ['+H7261CATH2040J'])
  })
})
