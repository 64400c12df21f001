#!/usr/bin/env node
// Schema validation of Kubernetes manifests without an API server.
//   node tools/chart/validate.mjs FILE...
// Built-in kinds are validated with the npm package kubernetes-models (the OpenAPI schemas of
// Kubernetes), ServiceMonitor with @kubernetes-models/prometheus-operator. The operators' custom
// resources (CloudNativePG, RabbitMQ Cluster Operator) have no published models: their
// apiVersion, kind, required fields and known spec fields are checked by hand below.
// Exits 1 when any object is invalid; prints one line per file.
import { pathToFileURL } from "node:url";
import { loadDocs, rel } from "./lib.mjs";

const modelModules = {
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

// One module per kind ("kubernetes-models/apps/v1/Deployment"): loading a whole group/version
// index costs about a second.
async function modelFor(apiVersion, kind) {
  if (!/^[A-Za-z0-9.\/]+$/.test(apiVersion) || !/^[A-Za-z0-9]+$/.test(kind)) return undefined;
  const base = modelModules[apiVersion] ?? `kubernetes-models/${apiVersion}`;
  try {
    return (await import(`${base}/${kind}`))[kind];
  } catch {
    return undefined;
  }
}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const quantity = /^[0-9.]+([eE][-+]?[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$/;

/** A tiny checker for hand-written CRD rules: collects errors with JSON paths. */
function checker(doc) {
  const errors = [];
  const get = (path) => path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), doc);
  return {
    errors,
    required(path, type, test) {
      const v = get(path);
      if (v === undefined) return void errors.push(`${path} is required`);
      this.optional(path, type, test);
    },
    optional(path, type, test) {
      const v = get(path);
      if (v === undefined) return;
      const actual = Array.isArray(v) ? "array" : v === null ? "null" : typeof v === "number" && Number.isInteger(v) ? "integer" : typeof v;
      if (type && actual !== type && !(type === "number" && actual === "integer")) return void errors.push(`${path} must be ${type}, got ${actual}`);
      if (test && !test(v)) errors.push(`${path} has an invalid value: ${JSON.stringify(v)}`);
    },
    knownKeys(path, keys) {
      const v = get(path);
      if (!isObj(v)) return;
      for (const k of Object.keys(v)) if (!keys.includes(k)) errors.push(`${path}.${k} is not a known field`);
    },
    secretKeyRef(path) {
      this.required(`${path}.name`, "string", (s) => s.length > 0);
      this.required(`${path}.key`, "string", (s) => s.length > 0);
    },
  };
}

function metadataChecks(c, { namespaced = true } = {}) {
  c.required("metadata.name", "string", (s) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s) && s.length <= 63);
  if (namespaced) c.optional("metadata.namespace", "string");
}

// Field lists from the operators' CRDs (CloudNativePG 1.26, RabbitMQ Cluster Operator 2.x).
const cnpgClusterSpec = [
  "affinity", "backup", "bootstrap", "certificates", "description", "enablePDB", "enableSuperuserAccess", "env", "envFrom",
  "ephemeralVolumeSource", "ephemeralVolumesSizeLimit", "externalClusters", "failoverDelay", "imageCatalogRef", "imageName",
  "imagePullPolicy", "imagePullSecrets", "inheritedMetadata", "instances", "livenessProbeTimeout", "logLevel", "managed",
  "maxSyncReplicas", "minSyncReplicas", "monitoring", "nodeMaintenanceWindow", "plugins", "podSecurityContext", "postgresGID",
  "postgresUID", "postgresql", "primaryUpdateMethod", "primaryUpdateStrategy", "priorityClassName", "probes",
  "projectedVolumeTemplate", "replica", "replicationSlots", "resources", "schedulerName", "seccompProfile", "securityContext",
  "serviceAccountTemplate", "smartShutdownTimeout", "startDelay", "stopDelay", "storage", "superuserSecret", "switchoverDelay",
  "tablespaces", "topologySpreadConstraints", "walStorage",
];
const rabbitSpec = [
  "affinity", "autoEnableAllFeatureFlags", "delayStartSeconds", "image", "imagePullSecrets", "override", "persistence", "rabbitmq",
  "replicas", "resources", "secretBackend", "service", "skipPostDeploySteps", "terminationGracePeriodSeconds", "tls", "tolerations",
];

const crdValidators = {
  "postgresql.cnpg.io/v1/Cluster"(doc) {
    const c = checker(doc);
    metadataChecks(c);
    c.required("spec", "object");
    c.knownKeys("spec", cnpgClusterSpec);
    c.required("spec.instances", "integer", (n) => n >= 1);
    c.required("spec.storage", "object");
    if (!doc.spec?.storage?.pvcTemplate) c.required("spec.storage.size", "string", (s) => quantity.test(s));
    c.optional("spec.walStorage.size", "string", (s) => quantity.test(s));
    c.optional("spec.primaryUpdateStrategy", "string", (s) => ["unsupervised", "supervised"].includes(s));
    c.optional("spec.bootstrap.initdb.database", "string");
    c.optional("spec.bootstrap.initdb.owner", "string");
    c.optional("spec.postgresql.parameters", "object", (p) => Object.values(p).every((v) => typeof v === "string"));
    c.optional("spec.affinity.podAntiAffinityType", "string", (s) => ["preferred", "required"].includes(s));
    if (doc.spec?.backup) {
      c.knownKeys("spec.backup", ["barmanObjectStore", "retentionPolicy", "target", "volumeSnapshot"]);
      c.optional("spec.backup.retentionPolicy", "string", (s) => /^[1-9][0-9]*[dwm]$/.test(s));
      if (doc.spec.backup.barmanObjectStore) {
        const b = "spec.backup.barmanObjectStore";
        c.required(`${b}.destinationPath`, "string", (s) => /^(s3|gs|https?):\/\/./.test(s));
        c.knownKeys(b, ["azureCredentials", "data", "destinationPath", "endpointCA", "endpointURL", "googleCredentials", "historyTags", "s3Credentials", "serverName", "tags", "wal"]);
        if (doc.spec.backup.barmanObjectStore.s3Credentials && !doc.spec.backup.barmanObjectStore.s3Credentials.inheritFromIAMRole) {
          c.secretKeyRef(`${b}.s3Credentials.accessKeyId`);
          c.secretKeyRef(`${b}.s3Credentials.secretAccessKey`);
        }
        c.optional(`${b}.wal.compression`, "string", (s) => ["bzip2", "gzip", "lz4", "snappy", "xz", "zstd"].includes(s));
        c.optional(`${b}.data.compression`, "string", (s) => ["bzip2", "gzip", "lz4", "snappy", "xz", "zstd"].includes(s));
      }
    }
    return c.errors;
  },
  "postgresql.cnpg.io/v1/ScheduledBackup"(doc) {
    const c = checker(doc);
    metadataChecks(c);
    c.knownKeys("spec", ["backupOwnerReference", "cluster", "immediate", "method", "online", "onlineConfiguration", "pluginConfiguration", "schedule", "suspend", "target"]);
    c.required("spec.schedule", "string", (s) => s.trim().split(/\s+/).length === 6);
    c.required("spec.cluster.name", "string", (s) => s.length > 0);
    c.optional("spec.backupOwnerReference", "string", (s) => ["none", "self", "cluster"].includes(s));
    c.optional("spec.method", "string", (s) => ["barmanObjectStore", "volumeSnapshot", "plugin"].includes(s));
    return c.errors;
  },
  "rabbitmq.com/v1beta1/RabbitmqCluster"(doc) {
    const c = checker(doc);
    metadataChecks(c);
    c.knownKeys("spec", rabbitSpec);
    c.optional("spec.replicas", "integer", (n) => n >= 0);
    c.optional("spec.persistence.storage", "string", (s) => quantity.test(s));
    c.knownKeys("spec.rabbitmq", ["additionalConfig", "additionalPlugins", "advancedConfig", "envConfig", "erlangInetConfig"]);
    c.optional("spec.rabbitmq.additionalConfig", "string", (s) =>
      s.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("#") || /^[a-z0-9_.$-]+\s*=\s*\S/.test(line.trim())));
    c.optional("spec.rabbitmq.additionalPlugins", "array");
    return c.errors;
  },
};

export async function validateObject(doc) {
  if (!isObj(doc)) return ["not a mapping"];
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return ["apiVersion and kind are required"];
  const crd = crdValidators[`${apiVersion}/${kind}`];
  if (crd) return crd(doc);
  const Model = await modelFor(apiVersion, kind);
  if (!Model) return [`unknown apiVersion/kind ${apiVersion}/${kind} (no schema to check it against)`];
  try {
    new Model(doc).validate();
    return [];
  } catch (e) {
    return [e.message];
  }
}

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node tools/chart/validate.mjs FILE...");
    process.exit(2);
  }
  let failed = 0;
  for (const file of files) {
    const kinds = {};
    let bad = 0;
    for (const { doc } of loadDocs(file)) {
      const errors = await validateObject(doc);
      const id = `${doc?.kind ?? "?"}/${doc?.metadata?.name ?? "?"}`;
      kinds[doc?.kind] = (kinds[doc?.kind] ?? 0) + 1;
      if (errors.length) {
        bad++;
        for (const e of errors) console.error(`  FAIL ${rel(file)}: ${id}: ${e}`);
      }
    }
    const total = Object.values(kinds).reduce((a, b) => a + b, 0);
    const summary = Object.entries(kinds).sort().map(([k, n]) => `${n} ${k}`).join(", ");
    if (total === 0) {
      console.error(`  FAIL ${rel(file)}: no objects`);
      bad++;
    }
    console.log(`  ${bad ? "FAIL" : "ok  "} ${rel(file)}: ${total - bad}/${total} objects valid (${summary})`);
    failed += bad;
  }
  if (failed) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
