// The validator's own test: breaks the artefacts one way at a time, in a scratch copy, and requires each break to
// fail the step that should catch it, with the expected message. The unbroken copy must pass every step first.
//
// usage: node selftest.mjs <repo root> <tools dir> <extracted dispute-command jar dir>
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

const [repo, tools, commandJar] = process.argv.slice(2);
const scratch = mkdtempSync(path.join(os.tmpdir(), "iro-deploy-selftest-"));
const copy = (rel) => existsSync(path.join(repo, rel)) && cpSync(path.join(repo, rel), path.join(scratch, rel), { recursive: true });
copy("deploy");
rmSync(path.join(scratch, "deploy", "target"), { recursive: true, force: true });
for (const m of ["dispute-command", "dispute-query", "deadline-scheduler"]) {
  copy(`${m}/src/main/resources`);
  copy(`${m}/src/main/java`);
}

const run = (cmd, args, out) => {
  const r = spawnSync(cmd, args, { cwd: scratch, encoding: "utf8" });
  if (out && r.status === 0) writeFileSync(out, r.stdout);
  return { ok: r.status === 0, text: `${r.stdout}\n${r.stderr}` };
};
const tmp = (name) => path.join(scratch, name);
function chain(...steps) {
  let text = "";
  for (const s of steps) {
    const r = s();
    text += r.text;
    if (!r.ok) return { ok: false, text };
  }
  return { ok: true, text };
}
const steps = {
  compose: () => chain(
    () => run("docker-compose", ["-f", "deploy/compose.yaml", "config"], tmp("c.yaml")),
    () => run("node", [path.join(tools, "check-compose.mjs"), scratch, tmp("c.yaml")])),
  observability: () => chain(
    () => run("promtool", ["check", "config", "deploy/observability/prometheus/prometheus.yml"]),
    () => run("node", [path.join(tools, "check-observability.mjs"), scratch, tmp("rules.yml")]),
    () => run("promtool", ["check", "rules", tmp("rules.yml")])),
  k8s: () => chain(
    () => run("kubectl", ["kustomize", "deploy/k8s/base"], tmp("base.yaml")),
    () => run("kubectl", ["kustomize", "deploy/k8s/overlays/example"], tmp("example.yaml")),
    () => run("node", [path.join(tools, "check-k8s.mjs"), scratch, tmp("base.yaml"), tmp("example.yaml")])),
  policy: () => run("java", ["-cp", `${commandJar}/lib/*`, path.join(repo, "deploy", "validate", "CheckPolicies.java"), "deploy/k8s/overlays/example/policies"]),
};

const B = "deploy/k8s/base";
const D = "deploy/observability/grafana/dashboards/iro-disputes.json";
const mutations = [
  [`${B}/dispute-command.yaml`, "            periodSeconds: 10", "            periodSecond: 10", "k8s", /unknown field "periodSecond"/],
  [`${B}/dispute-command.yaml`, "              containerPort: 8081", '              containerPort: "8081"', "k8s", /containerPort must be integer/],
  [`${B}/deadline-scheduler.yaml`, "              memory: 640Mi\n          startupProbe", "              memory: 640Mi-ish\n          startupProbe", "k8s", /must match format "quantity"/],
  [`${B}/dispute-command.yaml`, "            - name: IRO_DB_URL", "            - name: IRO_DATABASE_URL", "k8s", /IRO_DATABASE_URL is not read by dispute-command/],
  [`${B}/dispute-query.yaml`, "                  key: query-db-url", "                  key: query-db-ur", "k8s", /has no key query-db-ur/],
  [`${B}/deadline-scheduler.yaml`, "                  name: iro-db-deadline-scheduler", "                  name: iro-db-scheduler", "k8s", /Secret iro-db-scheduler is not in examples/],
  [`${B}/dispute-command.yaml`, "spec:\n  selector:\n    app.kubernetes.io/name: dispute-command", "spec:\n  selector:\n    app.kubernetes.io/name: dispute-commands", "k8s", /Service\/dispute-command: selects no Deployment/],
  [`${B}/dispute-query.yaml`, "              path: /actuator/health/readiness", "              path: /actuator/health", "k8s", /readinessProbe asks \/actuator\/health,/],
  [`${B}/dispute-command.yaml`, "  minAvailable: 1", "  minAvailable: 1\n  maxUnavailable: 1", "k8s", /exactly one of minAvailable and maxUnavailable/],
  [`${B}/network-policies.yaml`, "          port: 8082\n  egress:", "          port: 8082\n  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: kafka\n      ports:\n        - protocol: TCP\n          port: 9092", "k8s", /allow dispute-query -> kafka:9092, which k8s\/allowed-flows.txt does not list/],
  [`${B}/network-policies.yaml`, "        - protocol: TCP\n          port: 5432\n    - to:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: kafka", "        - protocol: TCP\n          port: 5432\n    - to:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: kafkas", "k8s", /do not allow dispute-command -> kafka:9092/],
  ["deploy/compose.yaml", "      interval: 10s\n      timeout: 5s", "      intervall: 10s\n      timeout: 5s", "compose", /intervall/],
  ["deploy/compose.yaml", "    depends_on:\n      postgres:", "    depends_on:\n      postgre:", "compose", /postgre/],
  ["deploy/compose.yaml", "/dev/tcp/127.0.0.1/8082", "/dev/tcp/127.0.0.1/8081", "compose", /dispute-query: healthcheck does not ask its own port/],
  ["deploy/compose.yaml", "      IRO_EVENT_SCHEMA: disputes_command", "      IRO_EVENT_STORE_SCHEMA: disputes_command", "compose", /IRO_EVENT_STORE_SCHEMA is not read by deadline-scheduler/],
  ["deploy/compose.yaml", "src/main/resources/dev/dev-jwt-public.pem}", "src/main/resources/dev/jwt-public.pem}", "compose", /jwt-public.pem does not exist/],
  ["deploy/observability/prometheus/prometheus.yml", '"deadline-scheduler:8083"', '"deadline-scheduler:8082"', "compose", /target deadline-scheduler:8082 is no service port/],
  ["deploy/observability/prometheus/prometheus.yml", "scrape_interval: 15s", "scrape_interval: 15x", "observability", /not a valid duration/],
  [D, "rate(iro_commands_seconds_bucket", "rate(iro_command_seconds_bucket", "observability", /iro_command_seconds_bucket is no meter/],
  [D, "rate(iro_scheduler_firing_lag_seconds_sum", "rate(iro_scheduler_firing_lag_seconds_bucket", "observability", /publishes no histogram/],
  [D, "max by (kind) (iro_scheduler_deadlines_pending)", 'max by (kind) (iro_scheduler_deadlines_pending{stage=\\"x\\"})', "observability", /has no label stage/],
  [D, "sum (rate(iro_publisher_sent_total[$__rate_interval]))", "sum (rate(iro_publisher_sent_total[$__rate_interval])", "observability", /unclosed left parenthesis/],
  [D, '"uid": "iro-prometheus"', '"uid": "prometheus"', "observability", /is not provisioned/],
  ["deploy/k8s/overlays/example/policies/example-council.yaml", "    timescale: { workingDays: 5 }", "    timescale: { workingDay: 5 }", "policy", /workingDay: unknown field/],
];

let failures = 0;
for (const [name, step] of Object.entries(steps)) {
  const r = step();
  if (!r.ok) {
    failures++;
    console.error(`FAIL selftest: the unbroken artefacts fail step ${name}:\n${r.text}`);
  }
}
for (const [file, from, to, step, expected] of mutations) {
  const full = path.join(scratch, file);
  const original = readFileSync(full, "utf8");
  const what = `${file}: ${JSON.stringify(from).slice(0, 60)} -> ${JSON.stringify(to).slice(0, 60)}`;
  if (!original.includes(from)) {
    failures++;
    console.error(`FAIL selftest: ${what}: the text to break is not in the file any more; update the mutation`);
    continue;
  }
  writeFileSync(full, original.replace(from, to));
  const r = steps[step]();
  writeFileSync(full, original);
  if (r.ok) {
    failures++;
    console.error(`FAIL selftest: ${what}: step ${step} passed a broken file`);
  } else if (!expected.test(r.text)) {
    failures++;
    console.error(`FAIL selftest: ${what}: step ${step} failed, but not with ${expected}:\n${r.text.slice(0, 2000)}`);
  } else {
    console.log(`caught: ${what} (${step})`);
  }
}
rmSync(scratch, { recursive: true, force: true });
if (failures > 0) {
  console.error(`selftest: ${failures} problem(s)`);
  process.exit(1);
}
console.log(`selftest: ${mutations.length} broken variants, each caught by its step`);
