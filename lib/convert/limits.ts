/**
 * Upper bounds on numbers the converter writes into manifests. Kubernetes stores replica counts and ids as int32;
 * a larger value is rejected by the API server, so it is refused here with a positioned error instead.
 */

/** Replicas and HPA bounds: far above any web stack, far below int32. */
export const MAX_REPLICAS = 10_000;

/** uid and gid: the int32 maximum Kubernetes stores. */
export const MAX_ID = 2_147_483_647;
