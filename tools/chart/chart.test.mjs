// node --test tools/chart/chart.test.mjs
// The rendered chart deploys every service project of the solution, and every Deployment has
// probes, resources, the security context and a graceful shutdown; the k8s/ data layer matches
// what the chart expects. CHART_RENDERED (paths joined by ":") names rendered manifests; without
// it the chart is rendered here with the default and the production values.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readdirSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, basename, dirname } from "node:path";
import yaml from "js-yaml";
import { repoRoot, loadDocs, discoverServiceProjects, chartProblems, deploymentProblems, serviceNameOf } from "./lib.mjs";
import { validateObject } from "./validate.mjs";

const chartDir = join(repoRoot, "charts", "omnichannel");
const helmBin = process.env.HELM ?? join(repoRoot, ".local", "tools", "bin", "helm");
const helm = (...args) => execFileSync(helmBin, args, { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"] });
const render = (...args) => yaml.loadAll(helm("template", "omnichannel", chartDir, "--namespace", "omnichannel", ...args)).filter(Boolean);

let defaultRender;
const renderDefault = () => structuredClone((defaultRender ??= render()));

const rendered = (() => {
  if (process.env.CHART_RENDERED) {
    return process.env.CHART_RENDERED.split(":").filter(Boolean).map((f) => ({ name: basename(f), objects: loadDocs(f).map((d) => d.doc) }));
  }
  return [
    { name: "default values", objects: render() },
    { name: "values-production.yaml", objects: render("-f", join(chartDir, "values-production.yaml")) },
  ];
})();

const { projects, skipped } = discoverServiceProjects();
const values = yaml.load(readFileSync(join(chartDir, "values.yaml"), "utf8"));
const k8s = readdirSync(join(repoRoot, "k8s")).filter((f) => /\.ya?ml$/.test(f)).flatMap((f) => loadDocs(join(repoRoot, "k8s", f)).map((d) => d.doc));

describe("service projects", () => {
  test("discovered from the file system and the solution", (t) => {
    t.diagnostic(`projects: ${projects.map((p) => `${p.path} -> ${p.service}`).join(", ") || "(none yet)"}`);
    if (skipped.length) t.diagnostic(`not web projects, skipped: ${skipped.join(", ")}`);
    for (const p of projects) assert.match(p.service, /^[a-z]([-a-z0-9]*[a-z0-9])?$/);
  });

  test("one Dockerfile builds any of them: multi-stage SDK -> ASP.NET runtime, non-root, the project a build argument", () => {
    const file = join(repoRoot, "Dockerfile");
    assert.ok(existsSync(file), `${file} is missing`);
    const text = readFileSync(file, "utf8");
    assert.match(text, /^FROM mcr\.microsoft\.com\/dotnet\/sdk:10\.0 AS build$/m, file);
    assert.match(text, /^FROM mcr\.microsoft\.com\/dotnet\/aspnet:10\.0\b/m, file);
    assert.match(text, /^ARG PROJECT$/m, file);
    assert.ok(text.includes('dotnet publish "$PROJECT" '), `${file} does not publish the PROJECT argument`);
    assert.match(text, /^USER \$APP_UID$/m, file);
    for (const p of projects) assert.ok(!existsSync(join(repoRoot, dirname(p.path), "Dockerfile")), `${dirname(p.path)}/Dockerfile: one Dockerfile at the root builds every image`);
  });

  test("each has an entry in values.yaml services", () => {
    const missing = projects.filter((p) => !(p.service in (values.services ?? {})));
    assert.deepEqual(missing.map((p) => p.path), [], "add services.<name> to charts/omnichannel/values.yaml");
  });
});

for (const { name, objects } of rendered) {
  describe(`rendered chart (${name})`, () => {
    test("has objects", () => assert.ok(objects.length > 0));

    test("every service project has its Deployments; every Deployment has probes, resources, security context, preStop", () => {
      const problems = chartProblems(objects, projects);
      assert.deepEqual(problems, [], `\n${problems.join("\n")}`);
    });

    test("every object is valid against its schema", async () => {
      const errors = [];
      for (const o of objects) for (const e of await validateObject(o)) errors.push(`${o.kind}/${o.metadata?.name}: ${e}`);
      assert.deepEqual(errors, []);
    });

    test("services are not exposed outside: one Ingress at most, to the gateway", () => {
      const ingresses = objects.filter((o) => o.kind === "Ingress");
      assert.ok(ingresses.length <= 1);
      for (const s of objects.filter((o) => o.kind === "Service")) assert.equal(s.spec.type ?? "ClusterIP", "ClusterIP", s.metadata.name);
    });
  });
}

describe("the checks can fail", () => {
  const procedures = { path: "services/Procedures/Omnichannel.Procedures.csproj", service: "procedures", gateway: false };
  const gateway = { path: "gateway/Omnichannel.Gateway.csproj", service: "gateway", gateway: true };

  test("a disabled service is reported as having no Deployment", () => {
    const objects = render("--set", "services.procedures.enabled=false");
    const problems = chartProblems(objects, [procedures, gateway]);
    assert.ok(problems.some((p) => p.includes('no Deployment for service "procedures"')), problems.join("\n"));
  });

  test("a project without a values entry is reported", () => {
    const objects = renderDefault();
    const problems = chartProblems(objects, [{ path: "services/Example/Omnichannel.Example.csproj", service: "example", gateway: false }]);
    assert.deepEqual(problems, ['services/Example/Omnichannel.Example.csproj: no Deployment for service "example" in the rendered chart (add services.example to values.yaml)']);
  });

  test("missing probes, resources and security context are reported", () => {
    const d = renderDefault().find((o) => o.kind === "Deployment" && o.metadata.name === "omnichannel-procedures");
    assert.deepEqual(deploymentProblems(d), []);
    const c = d.spec.template.spec.containers[0];
    delete c.readinessProbe;
    delete c.resources.limits;
    c.securityContext.readOnlyRootFilesystem = false;
    c.securityContext.capabilities.drop = [];
    delete c.lifecycle;
    const problems = deploymentProblems(d).join("\n");
    for (const expected of ["no readinessProbe", "no resources.limits.cpu", "readOnlyRootFilesystem is not true", "capabilities.drop does not include ALL", "no preStop hook"]) {
      assert.ok(problems.includes(expected), `expected "${expected}" in:\n${problems}`);
    }
  });

  test("a worker with no standby or no disruption budget is reported", () => {
    const objects = renderDefault().filter((o) => !(o.kind === "PodDisruptionBudget" && o.metadata.name === "omnichannel-procedures-worker"));
    const w = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "omnichannel-procedures-worker");
    w.spec.replicas = 1;
    const problems = chartProblems(objects, [procedures]).join("\n");
    assert.match(problems, /worker replicas must be at least 2/);
    assert.match(problems, /no PodDisruptionBudget selects the worker's pods/);
  });

  test("a schema error is reported", async () => {
    const d = renderDefault().find((o) => o.kind === "Deployment");
    d.spec.template.spec.containers[0].ports[0].containerPort = "http";
    assert.notDeepEqual(await validateObject(d), []);
  });

  test("values that break the values schema are refused by helm", () => {
    assert.throws(() => helm("template", "x", chartDir, "--set", "services.procedures.replicas=-1"), /schema/);
  });

  test("project discovery: web projects under services/ and the gateway, from disk and the .sln", () => {
    const dir = mkdtempSync(join(tmpdir(), "omnichannel-discovery-"));
    try {
      const csproj = (path, sdk) => {
        mkdirSync(join(dir, path, ".."), { recursive: true });
        writeFileSync(join(dir, path), `<Project Sdk="${sdk}"></Project>`);
      };
      csproj("services/QueueBoards/Omnichannel.QueueBoards.csproj", "Microsoft.NET.Sdk.Web");
      csproj("services/QueueBoards/Omnichannel.QueueBoards.Domain.csproj", "Microsoft.NET.Sdk");
      csproj("services/Incidents/Omnichannel.IncidentsDomain.csproj", "Microsoft.NET.Sdk");
      csproj("services/BuildingBlocks/Omnichannel.BuildingBlocks.csproj", "Microsoft.NET.Sdk");
      writeFileSync(join(dir, "Omnichannel.sln"),
        'Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Omnichannel.Gateway", "gateway\\Omnichannel.Gateway.csproj", "{1}"\nEndProject\n');
      const found = discoverServiceProjects(dir);
      assert.deepEqual(found.projects.map((p) => p.service), ["gateway", "queue-boards"]);
      assert.deepEqual(found.skipped, ["services/Incidents/Omnichannel.IncidentsDomain.csproj"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(serviceNameOf("services/Citizens/Omnichannel.Citizens.csproj"), "citizens");
  });
});

describe("k8s/ data layer", () => {
  const one = (kind) => {
    const found = k8s.filter((o) => o.kind === kind);
    assert.equal(found.length, 1, `one ${kind} in k8s/`);
    return found[0];
  };

  test("every object is valid and in the omnichannel namespace", async () => {
    const ns = one("Namespace").metadata.name;
    for (const o of k8s) {
      assert.deepEqual(await validateObject(o), [], `${o.kind}/${o.metadata?.name}`);
      if (o.kind !== "Namespace") assert.equal(o.metadata.namespace, ns, `${o.kind}/${o.metadata.name}`);
    }
  });

  test("CloudNativePG Cluster: 3 instances, object-store backups with credentials from a Secret", () => {
    const pg = one("Cluster");
    assert.equal(pg.apiVersion, "postgresql.cnpg.io/v1");
    assert.equal(pg.spec.instances, 3);
    const store = pg.spec.backup.barmanObjectStore;
    assert.match(store.destinationPath, /^s3:\/\//);
    assert.ok(store.s3Credentials.accessKeyId.name && store.s3Credentials.secretAccessKey.name);
    assert.equal(one("ScheduledBackup").spec.cluster.name, pg.metadata.name);
  });

  test("RabbitmqCluster: 3 replicas, quorum queues by default", () => {
    const mq = one("RabbitmqCluster");
    assert.equal(mq.apiVersion, "rabbitmq.com/v1beta1");
    assert.equal(mq.spec.replicas, 3);
    assert.match(mq.spec.rabbitmq.additionalConfig, /^default_queue_type\s*=\s*quorum$/m);
  });

  test("the chart's defaults point at what the operators create", () => {
    const pg = one("Cluster").metadata.name;
    const mq = one("RabbitmqCluster").metadata.name;
    assert.equal(values.postgres.host, `${pg}-rw`);
    assert.equal(values.postgres.credentialsSecret.name, `${pg}-app`);
    assert.equal(values.postgres.database, one("Cluster").spec.bootstrap.initdb.database);
    assert.equal(values.rabbitmq.host, mq);
    assert.equal(values.rabbitmq.credentialsSecret.name, `${mq}-default-user`);
    assert.deepEqual(values.networkPolicy.postgres.to[0].podSelector.matchLabels, { "cnpg.io/cluster": pg });
    assert.deepEqual(values.networkPolicy.rabbitmq.to[0].podSelector.matchLabels, { "app.kubernetes.io/name": mq });
  });
});

test("helm binary is the cached one", () => assert.ok(existsSync(helmBin), helmBin));
