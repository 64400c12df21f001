// Shared by validate.mjs and chart.test.mjs: loading rendered manifests, discovering the
// service projects of the solution, and the chart's rules ("every service has a Deployment,
// every Deployment has probes, resources and the security context").
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** All YAML documents of a file (multi-document), nulls (empty documents) dropped. */
export function loadDocs(file) {
  const docs = yaml.loadAll(readFileSync(file, "utf8"), null, { filename: file });
  return docs.filter((d) => d !== null && d !== undefined).map((doc) => ({ file, doc }));
}

/** Omnichannel.CitizenHistory -> citizen-history (the chart's service key). */
export function serviceNameOf(projectPath) {
  const m = /Omnichannel\.([A-Za-z0-9]+)\.csproj$/.exec(projectPath);
  if (!m) throw new Error(`not a service project name: ${projectPath}`);
  return m[1].replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

const isServiceProjectPath = (p) =>
  /^services\/([^/]+)\/Omnichannel\.[A-Za-z0-9]+\.csproj$/.test(p) && !p.startsWith("services/BuildingBlocks/")
  || p === "gateway/Omnichannel.Gateway.csproj";

/** Paths (relative to the repo, forward slashes) listed by Omnichannel.sln or .slnx, if any. */
function solutionProjects(root) {
  const out = [];
  const sln = join(root, "Omnichannel.sln");
  if (existsSync(sln)) {
    const re = /^Project\("\{[^}]+\}"\)\s*=\s*"[^"]*",\s*"([^"]+\.csproj)"/gm;
    for (const m of readFileSync(sln, "utf8").matchAll(re)) out.push(m[1].replaceAll("\\", "/"));
  }
  const slnx = join(root, "Omnichannel.slnx");
  if (existsSync(slnx)) {
    for (const m of readFileSync(slnx, "utf8").matchAll(/<Project\s+Path="([^"]+\.csproj)"/g)) out.push(m[1].replaceAll("\\", "/"));
  }
  return out;
}

/**
 * The service projects that must each have a Deployment: services/<Dir>/Omnichannel.*.csproj
 * (not BuildingBlocks) and gateway/Omnichannel.Gateway.csproj, from the file system and from the
 * solution file. Projects that are not ASP.NET Core (Sdk.Web) apps, e.g. a domain library next to
 * its service, are returned in `skipped`.
 */
export function discoverServiceProjects(root = repoRoot) {
  const found = new Set();
  const servicesDir = join(root, "services");
  if (existsSync(servicesDir)) {
    for (const dir of readdirSync(servicesDir)) {
      if (dir === "BuildingBlocks" || !statSync(join(servicesDir, dir)).isDirectory()) continue;
      for (const f of readdirSync(join(servicesDir, dir))) {
        if (/^Omnichannel\.[A-Za-z0-9]+\.csproj$/.test(f)) found.add(`services/${dir}/${f}`);
      }
    }
  }
  if (existsSync(join(root, "gateway", "Omnichannel.Gateway.csproj"))) found.add("gateway/Omnichannel.Gateway.csproj");
  for (const p of solutionProjects(root)) if (isServiceProjectPath(p)) found.add(p);

  const projects = [];
  const skipped = [];
  for (const p of [...found].sort()) {
    const full = join(root, p);
    // Listed in the solution but not (yet) on disk: still a service that must be deployed.
    const text = existsSync(full) ? readFileSync(full, "utf8") : "";
    if (text && !/Sdk\s*=\s*"Microsoft\.NET\.Sdk\.Web"/.test(text)) skipped.push(p);
    else projects.push({ path: p, service: serviceNameOf(p), gateway: p.startsWith("gateway/") });
  }
  return { projects, skipped };
}

const envOf = (container) => Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));

/** Problems of one Deployment's pod template: probes, resources, security context, shutdown. */
export function deploymentProblems(d) {
  const problems = [];
  const name = d.metadata?.name;
  const pod = d.spec?.template?.spec ?? {};
  const podSc = pod.securityContext ?? {};
  if (!pod.containers?.length) problems.push(`${name}: no containers`);
  for (const c of pod.containers ?? []) {
    const where = `Deployment ${name}, container ${c.name}`;
    const probe = (p, path, label) => {
      if (!p) problems.push(`${where}: no ${label}`);
      else if (p.httpGet?.path !== path) problems.push(`${where}: ${label} is not an httpGet on ${path}`);
    };
    probe(c.livenessProbe, "/health/live", "livenessProbe");
    probe(c.readinessProbe, "/health/ready", "readinessProbe");
    for (const kind of ["requests", "limits"]) {
      for (const res of ["cpu", "memory"]) {
        if (c.resources?.[kind]?.[res] === undefined) problems.push(`${where}: no resources.${kind}.${res}`);
      }
    }
    const sc = c.securityContext ?? {};
    if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) problems.push(`${where}: runAsNonRoot is not true`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
    if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) problems.push(`${where}: capabilities.drop does not include ALL`);
    if (sc.privileged === true) problems.push(`${where}: privileged`);
    const preStop = c.lifecycle?.preStop;
    if (!preStop) problems.push(`${where}: no preStop hook (endpoints must be removed before SIGTERM)`);
    const sleep = preStop?.sleep?.seconds ?? 0;
    if ((pod.terminationGracePeriodSeconds ?? 30) <= sleep) problems.push(`${where}: terminationGracePeriodSeconds <= preStop sleep`);
  }
  return problems;
}

/**
 * The chart's rules over all rendered objects, given the service projects that must be deployed.
 * Returns a list of human-readable problems (empty: all good).
 */
export function chartProblems(objects, projects) {
  const problems = [];
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const deployments = byKind("Deployment");
  const comp = (o) => o.metadata?.labels?.["app.kubernetes.io/component"];
  const proc = (o) => o.metadata?.labels?.["omnichannel/process"];

  for (const p of projects) {
    const api = deployments.find((d) => comp(d) === p.service && proc(d) === "api");
    const worker = deployments.find((d) => comp(d) === p.service && proc(d) === "worker");
    if (!api) {
      problems.push(`${p.path}: no Deployment for service "${p.service}" in the rendered chart (add services.${p.service} to values.yaml)`);
      continue;
    }
    const apiEnv = envOf(api.spec.template.spec.containers[0]);
    if (apiEnv.Daemon__Enabled !== "false") problems.push(`${api.metadata.name}: API Deployment must set Daemon__Enabled=false`);
    if (p.gateway) {
      if (worker) problems.push(`${worker.metadata.name}: the gateway has no worker`);
      continue;
    }
    if (!worker) {
      problems.push(`${p.path}: no worker Deployment (async daemon) for service "${p.service}"`);
      continue;
    }
    // HotCold daemon: a standby must exist to take over, and a drain must never take every replica.
    if (!(worker.spec.replicas >= 2)) problems.push(`${worker.metadata.name}: worker replicas must be at least 2 (HotCold daemon), got ${worker.spec.replicas}`);
    const workerLabels = worker.spec.template.metadata?.labels ?? {};
    const guarded = byKind("PodDisruptionBudget").some(b =>
      Object.entries(b.spec?.selector?.matchLabels ?? {}).every(([k, v]) => workerLabels[k] === v) && Object.keys(b.spec?.selector?.matchLabels ?? {}).length > 0);
    if (!guarded) problems.push(`${worker.metadata.name}: no PodDisruptionBudget selects the worker's pods`);
    if (envOf(worker.spec.template.spec.containers[0]).Daemon__Enabled !== "true") problems.push(`${worker.metadata.name}: worker must set Daemon__Enabled=true`);
  }

  for (const d of deployments) problems.push(...deploymentProblems(d));

  // Autoscaling: HPAs scale API Deployments only; targets exist.
  for (const h of byKind("HorizontalPodAutoscaler")) {
    const target = deployments.find((d) => d.metadata.name === h.spec?.scaleTargetRef?.name);
    if (!target) problems.push(`HPA ${h.metadata.name}: target ${h.spec?.scaleTargetRef?.name} is not a rendered Deployment`);
    else if (proc(target) !== "api") problems.push(`HPA ${h.metadata.name}: scales ${target.metadata.name}, which is not an API Deployment`);
  }

  // Selectors of Services and PDBs match the pods of some Deployment.
  const podsMatching = (selector) =>
    deployments.filter((d) => Object.entries(selector ?? {}).every(([k, v]) => d.spec.template.metadata?.labels?.[k] === v));
  for (const s of byKind("Service")) {
    if (!s.spec?.selector || podsMatching(s.spec.selector).length === 0) problems.push(`Service ${s.metadata.name}: selector matches no Deployment's pods`);
  }
  for (const p of byKind("PodDisruptionBudget")) {
    if (podsMatching(p.spec?.selector?.matchLabels).length === 0) problems.push(`PodDisruptionBudget ${p.metadata.name}: selector matches no Deployment's pods`);
  }

  // References between rendered objects: ConfigMaps, ServiceAccounts, Ingress backends.
  const names = (kind) => new Set(byKind(kind).map((o) => o.metadata.name));
  const configMaps = names("ConfigMap");
  const serviceAccounts = names("ServiceAccount");
  const services = names("Service");
  for (const d of deployments) {
    const pod = d.spec.template.spec;
    for (const c of pod.containers ?? []) {
      for (const ef of c.envFrom ?? []) {
        if (ef.configMapRef && !configMaps.has(ef.configMapRef.name)) problems.push(`Deployment ${d.metadata.name}: ConfigMap ${ef.configMapRef.name} is not rendered`);
      }
    }
    if (pod.serviceAccountName && pod.serviceAccountName !== "default" && !serviceAccounts.has(pod.serviceAccountName)) {
      problems.push(`Deployment ${d.metadata.name}: ServiceAccount ${pod.serviceAccountName} is not rendered`);
    }
  }
  for (const ing of byKind("Ingress")) {
    for (const rule of ing.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const svc = path.backend?.service?.name;
        if (!services.has(svc)) problems.push(`Ingress ${ing.metadata.name}: backend Service ${svc} is not rendered`);
        const target = byKind("Service").find((s) => s.metadata.name === svc);
        if (target && target.metadata.labels?.["omnichannel/tier"] !== "gateway") problems.push(`Ingress ${ing.metadata.name}: exposes ${svc}, which is not the gateway`);
      }
    }
  }

  // Network policies: a default deny for the release's pods.
  if (deployments.length && !byKind("NetworkPolicy").some((n) => (n.spec?.policyTypes ?? []).length === 2 && !n.spec.ingress && !n.spec.egress)) {
    problems.push("no default-deny NetworkPolicy");
  }

  // Secrets are referenced, never rendered by default.
  for (const s of byKind("Secret")) problems.push(`Secret ${s.metadata.name} is rendered: secrets must be referenced, not shipped in values`);
  return problems;
}

export const rel = (p) => relative(process.cwd(), p) || p;
