/** The names account settings are stored under, one JSON value each per account and region (`store.settings`). */
export const SETTING = {
  publication: 'findings-publication',
  reveal: 'reveal',
  automatedDiscovery: 'automated-discovery',
  classificationScope: 'classification-scope',
  sensitivityInspectionTemplate: 'sensitivity-inspection-template',
} as const
