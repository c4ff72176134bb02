import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SERVICES } from '@linli/platform';
import { parseAllDocuments } from 'yaml';
import { GENERATED_FILE, K8S_DIR, processManifests, renderManifests } from '../src/k8s/manifests';

/**
 * The Kubernetes manifests: generated ones current, every object valid
 * against the Kubernetes schemas (kubernetes-models: the OpenAPI schemas of
 * Kubernetes 1.x as JSON schema validators), and the production overlay
 * rendered by `kubectl kustomize` with what each process needs.
 */
type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: any };

/** Validates one object with the kubernetes-models class of its apiVersion and kind; throws with the schema's complaint. */
function validate(object: K8sObject): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const group = require(`kubernetes-models/${object.apiVersion}`) as Record<string, new (o: unknown) => { validate(): void }>;
  const Model = group[object.kind];
  if (!Model) throw new Error(`kubernetes-models has no ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return f.endsWith('.yaml') && f !== 'kustomization.yaml' ? [full] : [];
  });

const parse = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as K8sObject).filter(Boolean);

describe('Kubernetes manifests (infra/k8s)', () => {
  it('the per-process file is what the service registry generates (npm run k8s -w infra/stack)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(renderManifests(processManifests()));
  });

  it('the validator refuses what Kubernetes would refuse', () => {
    const [deployment] = processManifests() as unknown as K8sObject[];
    expect(() => validate(deployment)).not.toThrow();
    expect(() => validate({ ...deployment, spec: { ...deployment.spec, replicas: 'two' } })).toThrow();
    expect(() => validate({ ...deployment, spec: { ...deployment.spec, selector: undefined } })).toThrow();
  });

  it('every object of every file validates against its Kubernetes schema', () => {
    const problems: string[] = [];
    for (const file of yamlFiles(K8S_DIR)) {
      for (const object of parse(readFileSync(file, 'utf8'))) {
        try {
          validate(object);
        } catch (error) {
          problems.push(`${path.relative(K8S_DIR, file)} ${object.kind}/${object.metadata?.name}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  describe('the production overlay, rendered by kubectl kustomize', () => {
    const rendered = parse(execFileSync('kubectl', ['kustomize', path.join(K8S_DIR, 'overlays', 'production')], { encoding: 'utf8' }));
    const find = (kind: string, name: string) => rendered.find((o) => o.kind === kind && o.metadata.name === name);
    const processes = ['gateway', ...SERVICES.map((s) => s.name)];

    it('renders only valid objects, all in the linli namespace', () => {
      for (const object of rendered) validate(object);
      expect(rendered.filter((o) => o.kind !== 'Namespace' && (o.metadata as { namespace?: string }).namespace !== 'linli')).toEqual([]);
    });

    it.each(processes)('%s: a Deployment with probes, resources and a non-root, read-only container, a Service, a PDB and an HPA', (name) => {
      const deployment = find('Deployment', name);
      const container = deployment?.spec.template.spec.containers[0];
      expect(container).toMatchObject({
        image: 'registry.example.cn/linli/linli:2.0.0',
        args: [name],
        livenessProbe: { httpGet: { path: '/health/live' } },
        readinessProbe: { httpGet: { path: '/health/ready' } },
        resources: { requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } },
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
      });
      expect(deployment?.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      expect(find('Service', name)).toBeDefined();
      expect(find('PodDisruptionBudget', name)?.spec.minAvailable).toBe(1);
      expect(find('HorizontalPodAutoscaler', name)?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
    });

    it.each(SERVICES.map((s) => s.name))('%s: only the gateway reaches its HTTP port; secrets come from Secrets; its stream is R3', (name) => {
      const policy = find('NetworkPolicy', `${name}-ingress`);
      expect(policy?.spec.ingress[0]).toEqual({ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } }], ports: [{ port: 4000, protocol: 'TCP' }] });
      expect(find('NetworkPolicy', 'default-deny-ingress')?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
      const env = find('Deployment', name)?.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: unknown }[];
      const byName = Object.fromEntries(env.map((e) => [e.name, e]));
      expect(byName.DATABASE_URL.valueFrom).toEqual({ secretKeyRef: { name: 'linli-database', key: 'url' } });
      expect(byName.NATS_PASSWORD.valueFrom).toEqual({ secretKeyRef: { name: `linli-nats-${name}`, key: 'password' } });
      expect(byName.NATS_STREAM_REPLICAS.value).toBe('3');
      // No secret value is written in a manifest.
      expect(env.filter((e) => /PASSWORD|SECRET|DATABASE_URL/.test(e.name) && e.value !== undefined)).toEqual([]);
    });

    it('runs NATS as a 3-node JetStream cluster, and the migration Job before the rollout', () => {
      expect(find('StatefulSet', 'nats')?.spec.replicas).toBe(3);
      const config = find('ConfigMap', 'nats-config') as unknown as { data: Record<string, string> };
      expect(config.data['nats.conf']).toMatch(/jetstream \{[\s\S]*cluster \{[\s\S]*nats-2\.nats-cluster:6222/);
      const job = find('Job', 'linli-migrate');
      expect(job?.spec.template.spec.containers[0].args).toEqual(['migrate']);
      expect((job?.metadata as { annotations?: Record<string, string> }).annotations?.['argocd.argoproj.io/hook']).toBe('PreSync');
    });
  });
});
