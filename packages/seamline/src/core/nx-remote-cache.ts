/** The variables Nx's self-hosted remote cache (Nx 20.8 and later) reads: its server's URL and the token it sends. */
export const NX_REMOTE_CACHE_SERVER = 'NX_SELF_HOSTED_REMOTE_CACHE_SERVER';
export const NX_REMOTE_CACHE_TOKEN = 'NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN';
