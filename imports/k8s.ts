// Kubernetes 1.28 L1 bindings. `cdk8s import k8s@1.28.0` needs the internet; cdk8s-plus-28 ships the same
// generated code (`cdk8s import k8s@1.28.0`), so this file re-exports it. Never edit by hand.
export * from 'cdk8s-plus-28/lib/imports/k8s';
