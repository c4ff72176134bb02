import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_FILE, processManifests, renderManifests } from '../k8s/manifests';

// `npm run k8s -w infra/stack`: the per-process Kubernetes objects from the service registry.
writeFileSync(GENERATED_FILE, renderManifests(processManifests()));
console.log(`wrote ${path.relative(process.cwd(), GENERATED_FILE)}`);
