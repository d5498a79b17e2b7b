/** Where the three YAML files live, relative to the configuration folder (AOS_CONFIG_DIR). */
export const CONFIG_FILES = {
  finops: 'policies/finops.yaml',
  routing: 'configs/model_routing.yaml',
  residency: 'configs/vendor_residency.yaml',
} as const;
