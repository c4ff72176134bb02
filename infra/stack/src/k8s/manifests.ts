import path from 'node:path';
import { SERVICES, subgraphUrlVariable } from '@linli/platform';
import { stringify } from 'yaml';

/**
 * The Kubernetes objects of Linli's processes, generated from the one
 * service list (@linli/platform SERVICES): each subgraph and the gateway is a
 * Deployment (probes, resources, non-root, read-only root), a Service, a
 * PodDisruptionBudget, a HorizontalPodAutoscaler and a NetworkPolicy, so a
 * new service gets all of them by adding its row there and running
 * `npm run k8s -w infra/stack`. Hand-written parts (NATS, the migration Job,
 * the default-deny policy, overlays) live beside them in infra/k8s.
 */
export const K8S_DIR = path.resolve(__dirname, '..', '..', '..', 'k8s');
export const GENERATED_FILE = path.join(K8S_DIR, 'base', 'processes.generated.yaml');

/** Every process listens on this port in its pod; Prometheus scrapes METRICS_PORT, which only the monitoring namespace reaches. */
const HTTP_PORT = 4000;
const METRICS_PORT = 9464;
const IMAGE = 'linli';

type Manifest = Record<string, unknown>;

const labels = (name: string, component: 'gateway' | 'subgraph') => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/part-of': 'linli',
  'app.kubernetes.io/component': component,
});

const secretEnv = (name: string, secret: string, key: string, optional = false) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional: true } : {}) } },
});

/** Settings every process shares: production mode, ports, token keys, traces (collector URL from the ConfigMap, optional). */
const commonEnv = (name: string) => [
  { name: 'NODE_ENV', value: 'production' },
  { name: 'PORT', value: String(HTTP_PORT) },
  { name: 'HOST', value: '0.0.0.0' },
  { name: 'METRICS_PORT', value: String(METRICS_PORT) },
  { name: 'OTEL_SERVICE_NAME', value: name },
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', valueFrom: { configMapKeyRef: { name: 'linli-settings', key: 'otel-exporter-otlp-endpoint', optional: true } } },
  secretEnv('AUTH_JWT_SECRET', 'linli-auth', 'jwt-secret', true),
  { name: 'AUTH_JWKS_URL', valueFrom: { configMapKeyRef: { name: 'linli-settings', key: 'auth-jwks-url', optional: true } } },
];

function deployment(name: string, component: 'gateway' | 'subgraph', env: unknown[], volumes: { volumes: unknown[]; mounts: unknown[] }): Manifest {
  const probe = (p: string, period: number) => ({ httpGet: { path: p, port: 'http' }, periodSeconds: period, timeoutSeconds: 2, failureThreshold: 3 });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: labels(name, component) },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 5,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(name, component) },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          // A rolling update lets in-flight requests finish (the process drains on SIGTERM).
          terminationGracePeriodSeconds: 30,
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': name } } },
          ],
          containers: [
            {
              name: 'app',
              image: IMAGE,
              // One image, the process as its argument (Dockerfile).
              args: [name],
              ports: [
                { name: 'http', containerPort: HTTP_PORT },
                { name: 'metrics', containerPort: METRICS_PORT },
              ],
              env: [
                ...commonEnv(name),
                // A subgraph keeps serving with readiness 503 this long after SIGTERM, while the
                // endpoints and kube-proxy stop sending it new requests (within the 30 s grace).
                ...(component === 'subgraph' ? [{ name: 'SHUTDOWN_DELAY_MS', value: '5000' }] : []),
                ...env,
              ],
              livenessProbe: probe('/health/live', 10),
              readinessProbe: probe('/health/ready', 5),
              startupProbe: { httpGet: { path: '/health/live', port: 'http' }, periodSeconds: 2, failureThreshold: 60 },
              resources: component === 'gateway'
                ? { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } }
                : { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...volumes.mounts],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }, ...volumes.volumes],
        },
      },
    },
  };
}

function service(name: string, component: 'gateway' | 'subgraph'): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: labels(name, component) },
    spec: {
      selector: { 'app.kubernetes.io/name': name },
      ports: [
        { name: 'http', port: HTTP_PORT, targetPort: 'http' },
        { name: 'metrics', port: METRICS_PORT, targetPort: 'metrics' },
      ],
    },
  };
}

const pdb = (name: string, component: 'gateway' | 'subgraph'): Manifest => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, labels: labels(name, component) },
  spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': name } } },
});

const hpa = (name: string, component: 'gateway' | 'subgraph'): Manifest => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name, labels: labels(name, component) },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
    minReplicas: 2,
    maxReplicas: component === 'gateway' ? 10 : 6,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
  },
});

const fromMonitoring = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } };

/**
 * Who may reach a process: only the gateway reaches a subgraph's HTTP port;
 * the gateway takes traffic from the ingress controller's namespace; every
 * process's metrics port only from the monitoring namespace.
 */
function networkPolicy(name: string, component: 'gateway' | 'subgraph'): Manifest {
  const httpFrom =
    component === 'gateway'
      ? [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }]
      : [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } }];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${name}-ingress`, labels: labels(name, component) },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': name } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: httpFrom, ports: [{ port: HTTP_PORT, protocol: 'TCP' }] },
        { from: [fromMonitoring], ports: [{ port: METRICS_PORT, protocol: 'TCP' }] },
      ],
    },
  };
}

/** A subgraph: its database (PostgreSQL, external, URL from a Secret), NATS as its own user, R3 streams. */
function subgraphObjects(name: string): Manifest[] {
  const env = [
    secretEnv('DATABASE_URL', 'linli-database', 'url'),
    { name: 'NATS_URL', value: 'nats://nats:4222' },
    { name: 'NATS_STREAM', value: 'LINLI' },
    { name: 'NATS_STREAM_REPLICAS', value: '3' },
    // One NATS user per service, allowed to publish only its own subjects (nats authorization, trust issue).
    { name: 'NATS_USER', value: name },
    secretEnv('NATS_PASSWORD', `linli-nats-${name}`, 'password'),
  ];
  return [deployment(name, 'subgraph', env, { volumes: [], mounts: [] }), service(name, 'subgraph'), pdb(name, 'subgraph'), hpa(name, 'subgraph'), networkPolicy(name, 'subgraph')];
}

function gatewayObjects(): Manifest[] {
  const env = [
    ...SERVICES.map((s) => ({ name: subgraphUrlVariable(s.name), value: `http://${s.name}:${HTTP_PORT}/graphql` })),
    { name: 'OPERATIONS', value: 'safelist' },
    // Live updates tail the stream as the gateway's own NATS user, which may read it and publish nothing.
    { name: 'NATS_URL', value: 'nats://nats:4222' },
    { name: 'NATS_STREAM', value: 'LINLI' },
    { name: 'NATS_USER', value: 'gateway' },
    secretEnv('NATS_PASSWORD', 'linli-nats-gateway', 'password'),
    { name: 'CORS_ORIGINS', valueFrom: { configMapKeyRef: { name: 'linli-settings', key: 'cors-origins', optional: true } } },
  ];
  return [deployment('gateway', 'gateway', env, { volumes: [], mounts: [] }), service('gateway', 'gateway'), pdb('gateway', 'gateway'), hpa('gateway', 'gateway'), networkPolicy('gateway', 'gateway')];
}

/** Every generated object, gateway first, then the subgraphs in registry order. */
export function processManifests(): Manifest[] {
  return [...gatewayObjects(), ...SERVICES.flatMap((s) => subgraphObjects(s.name))];
}

/** The generated file's text (a test compares it with the committed one). */
export function renderManifests(manifests: readonly Manifest[]): string {
  const header = '# Generated from packages/platform/src/services.ts by `npm run k8s -w infra/stack`: do not edit.\n';
  return header + manifests.map((m) => `---\n${stringify(m, { lineWidth: 0 })}`).join('');
}
