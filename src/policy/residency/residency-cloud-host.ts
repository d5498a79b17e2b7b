import type { VendorResidency } from '../../config/index.ts';
import type { ProviderName } from '../../config/provider-name.ts';
import { checkAzureHost } from './residency-azure.ts';
import { checkBedrockHost } from './residency-bedrock.ts';
import type { CloudHostCheck } from './residency-types.ts';
import { checkVertexHost } from './residency-vertex.ts';

/**
 * The cloud-specific rule for a host that matched the vendor's EU patterns: Azure OpenAI, AWS
 * Bedrock and Google Vertex hosts are judged by what their name (and, for Bedrock, the model id)
 * proves, even when a broad pattern in the vendor's list matched them. Undefined for other hosts.
 */
export function checkCloudHost(provider: ProviderName, vendor: VendorResidency, host: string, model?: string): CloudHostCheck | undefined {
  return checkAzureHost(provider, host, vendor.region) ?? checkBedrockHost(provider, host, model) ?? checkVertexHost(provider, host);
}
