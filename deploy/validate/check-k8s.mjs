// Checks rendered Kubernetes manifests (the output of `kubectl kustomize`) beyond what a schema says:
//   1. every object against the Kubernetes OpenAPI schema (kubernetes-models' validators: types, required fields,
//      enums), and no field the API does not know (a typo such as `periodSecond` is silently dropped by a server);
//   2. references hold: Service, PDB and HPA selectors find a Deployment, probe and Service ports exist on the
//      container, ConfigMap keys exist, every Secret and key is one that examples/secrets.example.yaml shows, and no
//      render embeds a Secret;
//   3. every environment variable a container gets is one its service's application.yaml reads, and the port the
//      container listens on is the service's;
//   4. every Deployment has resource requests and limits and startup, liveness and readiness probes on the actuator;
//   5. the NetworkPolicies allow exactly the flows in k8s/allowed-flows.txt, on top of a default deny.
//
// usage: node check-k8s.mjs <repo root> <rendered.yaml>...
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const [repo, ...renders] = process.argv.slice(2);
if (!repo || renders.length === 0) {
  console.error("usage: node check-k8s.mjs <repo root> <rendered.yaml>...");
  process.exit(2);
}
let failures = 0;
const fail = (where, message) => {
  failures++;
  console.error(`FAIL ${where}: ${message}`);
};

function readDocs(file) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  const objects = [];
  for (const doc of docs) {
    if (doc.errors.length) {
      doc.errors.forEach((e) => fail(file, `YAML: ${e.message}`));
      continue;
    }
    const value = doc.toJS();
    if (value) objects.push(value);
  }
  return objects;
}

// ---- 1. schema and unknown fields ------------------------------------------------------------------------------

const modelsRoot = path.join(here, "node_modules", "kubernetes-models");
const nodeModules = path.join(here, "node_modules");

function modelModule(apiVersion) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  return group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
}

function modelFile(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  return group ? path.join(modelsRoot, group, version, `${kind}.d.ts`) : path.join(modelsRoot, version, `${kind}.d.ts`);
}

// The models' TypeScript declarations list each object's fields; they stand in for the OpenAPI schema's property
// lists, which the compiled validators do not keep (the API schema allows unknown fields; the API server drops them).
const interfaceCache = new Map();
function readInterface(file) {
  if (interfaceCache.has(file)) return interfaceCache.get(file);
  let result = null;
  if (existsSync(file)) {
    const text = readFileSync(file, "utf8");
    const imports = new Map();
    for (const m of text.matchAll(/import \{ ([^}]+) \} from "([^"]+)";/g)) {
      for (const name of m[1].split(",").map((s) => s.trim())) imports.set(name, m[2]);
    }
    const start = text.search(/export interface I\w+( extends [\w, ]+)? \{/);
    if (start >= 0) {
      const header = text.slice(start, text.indexOf("{", start));
      const body = blockAt(text, text.indexOf("{", start));
      result = { file, imports, fields: parseFields(body), typeMeta: /extends TypeMeta/.test(header) };
    }
  }
  interfaceCache.set(file, result);
  return result;
}

function blockAt(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error("unbalanced braces");
}

function parseFields(body) {
  const clean = body.replace(/\/\*[\s\S]*?\*\//g, "");
  const fields = new Map();
  let i = 0;
  while (i < clean.length) {
    const m = /"([^"]+)"\??:\s*/y;
    m.lastIndex = i;
    const hit = m.exec(clean);
    if (!hit) {
      i++;
      continue;
    }
    let j = m.lastIndex;
    let depth = 0;
    while (j < clean.length && !(depth === 0 && clean[j] === ";")) {
      if ("{<(".includes(clean[j])) depth++;
      else if ("}>)".includes(clean[j])) depth--;
      j++;
    }
    fields.set(hit[1], clean.slice(m.lastIndex, j).trim());
    i = j + 1;
  }
  return fields;
}

function resolveImport(fromFile, specifier) {
  if (specifier.startsWith(".")) return path.resolve(path.dirname(fromFile), specifier.replace(/\.js$/, ".d.ts"));
  return path.join(nodeModules, specifier.replace(/\.js$/, "") + ".d.ts");
}

function checkFields(value, type, iface, where) {
  type = type.trim();
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/s.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((v, k) => checkFields(v, array[1], iface, `${where}[${k}]`));
    return;
  }
  const map = /^\{\s*\[key: string\]: (.+?);?\s*\}$/s.exec(type);
  if (map) {
    if (typeof value === "object") for (const [k, v] of Object.entries(value)) checkFields(v, map[1], iface, `${where}.${k}`);
    return;
  }
  if (/^I\w+$/.test(type) && iface.imports.has(type)) {
    const next = readInterface(resolveImport(iface.file, iface.imports.get(type)));
    if (next) checkObject(value, next, where);
  }
}

function checkObject(value, iface, where) {
  if (typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (iface.typeMeta && (key === "apiVersion" || key === "kind")) continue;
    if (!iface.fields.has(key)) {
      fail(where, `unknown field "${key}" (known: ${[...iface.fields.keys()].join(", ")})`);
      continue;
    }
    checkFields(child, iface.fields.get(key), iface, `${where}.${key}`);
  }
}

async function checkSchema(obj, where) {
  if (!obj.apiVersion || !obj.kind) return fail(where, "no apiVersion or kind");
  let models;
  try {
    models = await import(modelModule(obj.apiVersion));
  } catch (e) {
    return fail(where, `unknown apiVersion ${obj.apiVersion}`);
  }
  const Model = models[obj.kind];
  if (!Model) return fail(where, `unknown kind ${obj.kind} in ${obj.apiVersion}`);
  try {
    new Model(obj).validate();
  } catch (e) {
    fail(where, `schema: ${e.message}`);
  }
  const iface = readInterface(modelFile(obj.apiVersion, obj.kind));
  if (!iface) return fail(where, `no field list for ${obj.apiVersion} ${obj.kind}`);
  checkObject(obj, iface, where);
}

// ---- helpers for the cross-checks ------------------------------------------------------------------------------

const matches = (selector, labels) =>
  !!selector && Object.entries(selector).every(([k, v]) => labels && labels[k] === v);
const name = (o) => `${o.kind}/${o.metadata?.name}`;

function placeholders(module) {
  const file = path.join(repo, module, "src", "main", "resources", "application.yaml");
  if (!existsSync(file)) return null;
  const text = serviceSettings(file);
  const names = new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)[:}]/g)].map((m) => m[1]));
  const port = /port: \$\{SERVER_PORT:(\d+)\}/.exec(text);
  return { names, port: port ? Number(port[1]) : null, text };
}

// Besides the ${NAME} placeholders: Spring's own settings by relaxed binding, the JVM's options, and the Kafka client
// property maps dispute-command binds (iro.kafka.properties.*, iro.kafka.producer.*).
function springSetting(envName, yamlText) {
  if (/^(JAVA_TOOL_OPTIONS|AXONIQ_UPDATE_CHECKER_DISABLED|(SPRING|LOGGING|MANAGEMENT)_[A-Z0-9_]+)$/.test(envName)) return true;
  return /^IRO_KAFKA_(PROPERTIES|PRODUCER)_[A-Z0-9_]+$/.test(envName) && yamlText.includes("iro.kafka.properties");
}

const secretExamples = new Map();
for (const s of readDocs(path.join(repo, "deploy", "k8s", "examples", "secrets.example.yaml"))) {
  await checkSchema(s, `examples/secrets.example.yaml ${name(s)}`);
  if (s.kind !== "Secret") fail("examples/secrets.example.yaml", `${name(s)} is not a Secret`);
  const keys = Object.keys({ ...(s.data || {}), ...(s.stringData || {}) });
  for (const [k, v] of Object.entries(s.stringData || {})) {
    if (!/^REPLACE_WITH_[A-Z0-9_]+$/.test(String(v))) fail("examples/secrets.example.yaml", `${name(s)} ${k} is not a REPLACE_WITH_ placeholder`);
  }
  if (s.data) fail("examples/secrets.example.yaml", `${name(s)} has base64 data; only REPLACE_WITH_ placeholders belong here`);
  secretExamples.set(s.metadata.name, new Set(keys));
}

function parseFlows(file) {
  const flows = new Set();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const t = line.replace(/#.*/, "").trim();
    if (!t) continue;
    const m = /^(\S+)\s*->\s*(\S+):(\d+)$/.exec(t);
    if (!m) fail(file, `cannot read flow "${t}"`);
    else flows.add(`${m[1]} -> ${m[2]}:${m[3]}`);
  }
  return flows;
}
const allowedFlows = parseFlows(path.join(repo, "deploy", "k8s", "allowed-flows.txt"));

function peerName(peer, where) {
  if (peer.ipBlock) return `ip:${peer.ipBlock.cidr}`;
  const ns = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];
  const podLabels = peer.podSelector?.matchLabels || {};
  const app = podLabels["app.kubernetes.io/name"] ?? podLabels["k8s-app"];
  if (peer.namespaceSelector && !ns) fail(where, "a namespaceSelector must name its namespace (kubernetes.io/metadata.name)");
  if (peer.podSelector && !app && Object.keys(podLabels).length === 0 && !peer.namespaceSelector) return "*";
  if (ns && app) return `ns:${ns}/${app}`;
  if (ns) return `ns:${ns}`;
  if (app) return app;
  fail(where, `peer ${JSON.stringify(peer)} names no app`);
  return "?";
}

function selectedName(podSelector) {
  const labels = podSelector?.matchLabels || {};
  if (labels["app.kubernetes.io/name"]) return labels["app.kubernetes.io/name"];
  if (labels["app.kubernetes.io/part-of"] === "iro-disputes") return "*";
  return Object.keys(labels).length === 0 ? "(all)" : JSON.stringify(labels);
}

// ---- the render ------------------------------------------------------------------------------------------------

for (const render of renders) {
  const objects = readDocs(render);
  const label = path.basename(render);
  console.log(`${label}: ${objects.length} objects`);
  for (const o of objects) await checkSchema(o, `${label} ${name(o)}`);

  const deployments = objects.filter((o) => o.kind === "Deployment");
  const configMaps = new Map(objects.filter((o) => o.kind === "ConfigMap").map((c) => [c.metadata.name, c]));
  const byKind = (k) => objects.filter((o) => o.kind === k);

  for (const s of byKind("Secret")) fail(`${label} ${name(s)}`, "a Secret is embedded in the manifests; reference it instead");
  if (deployments.length === 0) fail(label, "no Deployment rendered");

  for (const d of deployments) {
    const where = `${label} ${name(d)}`;
    const podLabels = d.spec.template.metadata?.labels || {};
    if (!matches(d.spec.selector?.matchLabels, podLabels)) fail(where, "selector does not match the pod template's labels");
    const volumes = new Map((d.spec.template.spec.volumes || []).map((v) => [v.name, v]));
    for (const c of d.spec.template.spec.containers) {
      const cw = `${where} container ${c.name}`;
      const ports = new Map((c.ports || []).map((p) => [p.name ?? String(p.containerPort), p.containerPort]));
      const portOf = (p) => (typeof p === "number" ? p : ports.get(p));
      for (const kind of ["requests", "limits"]) {
        for (const r of ["cpu", "memory"]) if (!c.resources?.[kind]?.[r]) fail(cw, `no resources.${kind}.${r}`);
      }
      const expected = { startupProbe: "/actuator/health/liveness", livenessProbe: "/actuator/health/liveness", readinessProbe: "/actuator/health/readiness" };
      for (const [probe, pathWanted] of Object.entries(expected)) {
        const p = c[probe];
        if (!p?.httpGet) {
          fail(cw, `no ${probe} (httpGet)`);
          continue;
        }
        if (p.httpGet.path !== pathWanted) fail(cw, `${probe} asks ${p.httpGet.path}, not ${pathWanted}`);
        if (!portOf(p.httpGet.port) || ![...ports.values()].includes(portOf(p.httpGet.port))) fail(cw, `${probe} port ${p.httpGet.port} is not a container port`);
      }
      // Environment: names the service reads, values that point at things that exist.
      const app = placeholders(c.name);
      if (!app) fail(cw, `no module ${c.name} with src/main/resources/application.yaml: name containers after their module`);
      const env = new Map();
      for (const e of c.env || []) {
        env.set(e.name, e);
        if (app && !app.names.has(e.name) && !springSetting(e.name, app.text)) fail(cw, `env ${e.name} is not read by ${c.name}'s application.yaml`);
        const cm = e.valueFrom?.configMapKeyRef;
        if (cm && !cm.optional) {
          const map = configMaps.get(cm.name);
          if (!map) fail(cw, `env ${e.name}: no ConfigMap ${cm.name}`);
          else if (!(cm.key in (map.data || {}))) fail(cw, `env ${e.name}: ConfigMap ${cm.name} has no key ${cm.key}`);
        }
        const sk = e.valueFrom?.secretKeyRef;
        if (sk) {
          if (!secretExamples.has(sk.name)) fail(cw, `env ${e.name}: Secret ${sk.name} is not in examples/secrets.example.yaml`);
          else if (!secretExamples.get(sk.name).has(sk.key)) fail(cw, `env ${e.name}: Secret ${sk.name} has no key ${sk.key} in the example`);
        }
        const file = /^file:(.+)$/.exec(e.value || "");
        if (file && !(c.volumeMounts || []).some((m) => file[1].startsWith(m.mountPath + "/"))) fail(cw, `env ${e.name} names ${file[1]}, which no volume mount provides`);
      }
      const serverPort = Number(env.get("SERVER_PORT")?.value);
      if (app?.port && serverPort !== app.port) fail(cw, `SERVER_PORT is ${env.get("SERVER_PORT")?.value}, the service's port is ${app.port}`);
      if (app?.port && ![...ports.values()].includes(app.port)) fail(cw, `no container port ${app.port}`);
      const scrapePort = Number(d.spec.template.metadata?.annotations?.["prometheus.io/port"]);
      if (scrapePort !== app?.port) fail(where, `prometheus.io/port is ${scrapePort}, the service listens on ${app?.port}`);
      for (const m of c.volumeMounts || []) {
        const v = volumes.get(m.name);
        if (!v) fail(cw, `mount ${m.name} has no volume`);
      }
      if (!c.securityContext?.readOnlyRootFilesystem || c.securityContext?.allowPrivilegeEscalation !== false) fail(cw, "must run with a read-only root file system and no privilege escalation");
    }
    for (const v of volumes.values()) {
      if (v.configMap && !configMaps.has(v.configMap.name)) fail(where, `volume ${v.name}: no ConfigMap ${v.configMap.name}`);
      if (v.secret) {
        const keys = secretExamples.get(v.secret.secretName);
        if (!keys) fail(where, `volume ${v.name}: Secret ${v.secret.secretName} is not in examples/secrets.example.yaml`);
        else for (const item of v.secret.items || []) if (!keys.has(item.key)) fail(where, `volume ${v.name}: Secret ${v.secret.secretName} has no key ${item.key} in the example`);
      }
    }
    if (d.spec.template.spec.securityContext?.runAsNonRoot !== true) fail(where, "pods must run as non-root");
  }

  const deploymentFor = (selector) => deployments.find((d) => matches(selector, d.spec.template.metadata?.labels));
  for (const s of byKind("Service")) {
    const d = deploymentFor(s.spec.selector);
    if (!d) {
      fail(`${label} ${name(s)}`, "selects no Deployment's pods");
      continue;
    }
    const containerPorts = d.spec.template.spec.containers.flatMap((c) => c.ports || []);
    for (const p of s.spec.ports) {
      const ok = containerPorts.some((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort);
      if (!ok) fail(`${label} ${name(s)}`, `targetPort ${p.targetPort} is no container port of ${name(d)}`);
    }
  }
  for (const p of byKind("PodDisruptionBudget")) {
    if (!deploymentFor(p.spec.selector?.matchLabels)) fail(`${label} ${name(p)}`, "selects no Deployment's pods");
    if ((p.spec.minAvailable === undefined) === (p.spec.maxUnavailable === undefined)) fail(`${label} ${name(p)}`, "needs exactly one of minAvailable and maxUnavailable");
  }
  for (const h of byKind("HorizontalPodAutoscaler")) {
    const ref = h.spec.scaleTargetRef;
    const d = deployments.find((x) => x.metadata.name === ref.name && ref.kind === "Deployment");
    if (!d) fail(`${label} ${name(h)}`, `scales ${ref.kind}/${ref.name}, which is not rendered`);
    else if (d.spec.replicas !== undefined) fail(`${label} ${name(d)}`, "sets replicas although an autoscaler owns the count");
  }
  for (const i of byKind("Ingress")) {
    for (const rule of i.spec.rules || []) {
      for (const p of rule.http?.paths || []) {
        const svc = byKind("Service").find((s) => s.metadata.name === p.backend.service?.name);
        if (!svc) fail(`${label} ${name(i)}`, `backend ${p.backend.service?.name} is no Service`);
        else if (!svc.spec.ports.some((sp) => sp.name === p.backend.service.port.name || sp.port === p.backend.service.port.number)) fail(`${label} ${name(i)}`, `backend port of ${svc.metadata.name} does not exist`);
        if (!p.path.startsWith("/api")) fail(`${label} ${name(i)}`, `routes ${p.path}: only /api is public (not /internal, not /actuator)`);
      }
    }
  }

  // ---- 5. network flows ----
  const policies = byKind("NetworkPolicy");
  const denyAll = policies.find((p) => Object.keys(p.spec.podSelector || {}).length === 0 && !p.spec.ingress && !p.spec.egress
    && ["Ingress", "Egress"].every((t) => (p.spec.policyTypes || []).includes(t)));
  if (!denyAll) fail(label, "no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)");
  for (const d of deployments) {
    const pod = d.spec.template.metadata.labels;
    const selecting = policies.filter((p) => p !== denyAll && matches(p.spec.podSelector?.matchLabels, pod));
    if (!selecting.some((p) => (p.spec.policyTypes || []).includes("Ingress"))) fail(`${label} ${name(d)}`, "no NetworkPolicy allows it any ingress");
  }
  const found = new Set();
  for (const p of policies) {
    if (p === denyAll) continue;
    const where = `${label} ${name(p)}`;
    const target = selectedName(p.spec.podSelector);
    for (const [direction, rules, key] of [["ingress", p.spec.ingress || [], "from"], ["egress", p.spec.egress || [], "to"]]) {
      for (const rule of rules) {
        if (!rule[key] || rule[key].length === 0) fail(where, `an ${direction} rule without '${key}' allows every peer`);
        if (!rule.ports || rule.ports.length === 0) fail(where, `an ${direction} rule without ports allows every port`);
        for (const peer of rule[key] || []) {
          for (const port of rule.ports || []) {
            const other = peerName(peer, where);
            found.add(direction === "ingress" ? `${other} -> ${target}:${port.port}` : `${target} -> ${other}:${port.port}`);
          }
        }
      }
    }
  }
  for (const f of found) if (!allowedFlows.has(f)) fail(label, `NetworkPolicies allow ${f}, which k8s/allowed-flows.txt does not list`);
  for (const f of allowedFlows) if (!found.has(f)) fail(label, `NetworkPolicies do not allow ${f} (k8s/allowed-flows.txt)`);
  // An ingress port must be one the selected pods listen on.
  for (const f of found) {
    const m = /-> ([\w-]+):(\d+)$/.exec(f);
    const d = m && deployments.find((x) => x.metadata.name === m[1]);
    if (d && !d.spec.template.spec.containers.some((c) => (c.ports || []).some((cp) => cp.containerPort === Number(m[2])))) fail(label, `flow ${f}: ${m[1]} listens on no port ${m[2]}`);
  }
}

if (failures > 0) {
  console.error(`check-k8s: ${failures} problem(s)`);
  process.exit(1);
}
console.log("check-k8s: all checks passed");

// A service's settings: its application.yaml and the files it imports (each service keeps its settings in
// <module>.yaml, imported by application.yaml, so that deploy/standalone can hold all three on one classpath).
function serviceSettings(applicationYaml) {
  let text = readFileSync(applicationYaml, "utf8");
  for (const m of text.matchAll(/import:\s*classpath:([\w.-]+\.ya?ml)/g)) {
    const imported = path.join(path.dirname(applicationYaml), m[1]);
    if (existsSync(imported)) text += "\n" + readFileSync(imported, "utf8");
  }
  return text;
}
