/** A model provider aos can route to: a name shared by configuration, policy and the router. */
export type ProviderName = 'openai' | 'anthropic' | 'local';
