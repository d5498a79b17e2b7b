/**
 * Cloud regions that are inside the European Union. These are allow-lists on purpose: a region
 * missing here is treated as non-EU (fail closed), and regions in Europe but outside the EU
 * (the United Kingdom, Switzerland, Norway) are not EU for residency, even though they are
 * adjacent to it or in the EEA.
 */
export const EU_REGIONS = {
  /** Azure regions in EU member states; switzerlandnorth, uksouth and norwayeast are deliberately absent. */
  azure: [
    'westeurope',
    'northeurope',
    'swedencentral',
    'francecentral',
    'francesouth',
    'germanywestcentral',
    'germanynorth',
    'italynorth',
    'polandcentral',
    'spaincentral',
  ],
  /** AWS regions in EU member states; eu-west-2 (London) and eu-central-2 (Zurich) are not EU. */
  aws: ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1', 'eu-south-1', 'eu-south-2'],
  /** Google Cloud regions in EU member states; europe-west2 (London) and europe-west6 (Zurich) are not EU. */
  gcp: [
    'europe-central2',
    'europe-north1',
    'europe-north2',
    'europe-southwest1',
    'europe-west1',
    'europe-west3',
    'europe-west4',
    'europe-west8',
    'europe-west9',
    'europe-west10',
    'europe-west12',
  ],
} as const satisfies Record<string, readonly string[]>;

/** True when `region` is one of `regions`. */
export function isEuRegion(regions: readonly string[], region: string): boolean {
  return regions.includes(region);
}
