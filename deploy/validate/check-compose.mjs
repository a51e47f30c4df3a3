// Checks deploy/compose.yaml as docker-compose resolved it (`docker-compose config`), for what `config` does not:
// files it mounts or hands over as secrets exist, the image build names a module of this repository, every
// environment variable given to a service is one its application.yaml reads, and the port a service listens on is
// the one it publishes, health-checks and Prometheus scrapes.
//
// usage: node check-compose.mjs <repo root> <compose.resolved.yaml>
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

const [repo, resolved] = process.argv.slice(2);
let failures = 0;
const fail = (where, message) => {
  failures++;
  console.error(`FAIL compose ${where}: ${message}`);
};

const compose = parse(readFileSync(resolved, "utf8"));
const services = compose.services || {};
const required = ["postgres", "kafka", "dispute-command", "dispute-query", "deadline-scheduler", "prometheus", "grafana"];
for (const s of required) if (!services[s]) fail(s, "missing");

const env = (s) => (Array.isArray(s.environment)
  ? Object.fromEntries(s.environment.map((e) => e.split(/=(.*)/s).slice(0, 2)))
  : s.environment || {});

const servicePorts = new Map();
for (const [nameOf, s] of Object.entries(services)) {
  for (const v of s.volumes || []) {
    const source = typeof v === "string" ? v.split(":")[0] : v.type === "bind" ? v.source : null;
    if (source && source.startsWith("/") && !existsSync(source)) fail(nameOf, `mounts ${source}, which does not exist`);
  }
  if (!s.build) continue;
  const module = s.build.args?.MODULE;
  const dockerfile = path.resolve(s.build.context, s.build.dockerfile);
  if (!existsSync(dockerfile)) fail(nameOf, `no Dockerfile ${dockerfile}`);
  const yamlFile = path.join(repo, module || "?", "src", "main", "resources", "application.yaml");
  if (!existsSync(yamlFile)) {
    fail(nameOf, `build arg MODULE=${module} is no service module of the repository`);
    continue;
  }
  const text = serviceSettings(yamlFile);
  const known = new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)[:}]/g)].map((m) => m[1]));
  const vars = env(s);
  // Besides the ${NAME} placeholders: Spring's own settings by relaxed binding, the JVM's options, and the Kafka client
  // property maps dispute-command binds (iro.kafka.properties.*, iro.kafka.producer.*).
  const springSetting = (k) => /^(JAVA_TOOL_OPTIONS|AXONIQ_UPDATE_CHECKER_DISABLED|(SPRING|LOGGING|MANAGEMENT)_[A-Z0-9_]+)$/.test(k)
    || (/^IRO_KAFKA_(PROPERTIES|PRODUCER)_[A-Z0-9_]+$/.test(k) && text.includes("iro.kafka.properties"));
  for (const k of Object.keys(vars)) if (!known.has(k) && !springSetting(k)) fail(nameOf, `environment ${k} is not read by ${module}'s application.yaml`);
  const port = Number(/port: \$\{SERVER_PORT:(\d+)\}/.exec(text)?.[1]);
  if (Number(vars.SERVER_PORT) !== port) fail(nameOf, `SERVER_PORT ${vars.SERVER_PORT} differs from ${module}'s port ${port}`);
  if (String(s.build.args?.PORT) !== String(port)) fail(nameOf, `build arg PORT ${s.build.args?.PORT} differs from ${port}`);
  servicePorts.set(nameOf, port);
  const published = (s.ports || []).map((p) => (typeof p === "object" ? Number(p.target) : Number(String(p).split(":").pop().split("/")[0])));
  if (!published.includes(port)) fail(nameOf, `does not publish its port ${port}`);
  const check = [].concat(s.healthcheck?.test || []).join(" ");
  if (!check.includes(`/dev/tcp/127.0.0.1/${port}`) || !check.includes("/actuator/health/readiness")) fail(nameOf, "healthcheck does not ask its own port's /actuator/health/readiness");
  for (const [k, v] of Object.entries(vars)) {
    const file = /^file:(\/run\/secrets\/(.+))$/.exec(String(v));
    if (file && !(s.secrets || []).some((x) => (x.source || x) === file[2])) fail(nameOf, `${k} reads ${file[1]} but the service is not given secret ${file[2]}`);
  }
  const url = vars.IRO_DB_URL || "";
  if (!/currentSchema=disputes_(command|query|scheduler)/.test(url) || !url.includes("//postgres:5432/")) fail(nameOf, `IRO_DB_URL ${url} does not point at the postgres service with its schema`);
}
for (const [nameOf, secret] of Object.entries(compose.secrets || {})) {
  if (secret.file && !existsSync(secret.file)) fail(`secret ${nameOf}`, `file ${secret.file} does not exist`);
}
// The scheduler reaches dispute-command by service name and port.
const schedulerEnv = env(services["deadline-scheduler"] || {});
if (schedulerEnv.IRO_COMMAND_BASE_URL !== `http://dispute-command:${servicePorts.get("dispute-command")}`) fail("deadline-scheduler", `IRO_COMMAND_BASE_URL ${schedulerEnv.IRO_COMMAND_BASE_URL} is not dispute-command's`);
const commandEnv = env(services["dispute-command"] || {});
if (!String(commandEnv.IRO_KAFKA_BOOTSTRAP_SERVERS || "").startsWith("kafka:")) fail("dispute-command", "IRO_KAFKA_BOOTSTRAP_SERVERS does not name the kafka service");

// Prometheus scrapes each service where it listens.
const prometheus = parse(readFileSync(path.join(repo, "deploy", "observability", "prometheus", "prometheus.yml"), "utf8"));
const scraped = new Set();
for (const job of prometheus.scrape_configs || []) {
  if (job.metrics_path !== "/actuator/prometheus") fail(`prometheus job ${job.job_name}`, "metrics_path is not /actuator/prometheus");
  for (const sc of job.static_configs || []) {
    for (const t of sc.targets || []) {
      const [host, port] = t.split(":");
      if (servicePorts.get(host) !== Number(port)) fail(`prometheus job ${job.job_name}`, `target ${t} is no service port`);
      if (job.job_name !== host) fail(`prometheus job ${job.job_name}`, `is named after ${job.job_name} but scrapes ${host} (the dashboard selects jobs by service name)`);
      scraped.add(host);
    }
  }
}
for (const s of servicePorts.keys()) if (!scraped.has(s)) fail("prometheus", `does not scrape ${s}`);

if (failures > 0) {
  console.error(`check-compose: ${failures} problem(s)`);
  process.exit(1);
}
console.log(`check-compose: ${Object.keys(services).length} services checked`);

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
