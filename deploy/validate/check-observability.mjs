// Checks the Grafana dashboard and its provisioning: the dashboard's data source is the provisioned one, every
// iro_* metric it asks for is a meter the services register (its name found in the Java sources, a _bucket series
// only for a meter that publishes a histogram, label matchers only on tags the meter has), other metrics come from
// the list seen at /actuator/prometheus, and it writes every query into a Prometheus rules file so that
// `promtool check rules` parses the PromQL.
//
// usage: node check-observability.mjs <repo root> <rules file to write>
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";

const [repo, rulesOut] = process.argv.slice(2);
let failures = 0;
const fail = (where, message) => {
  failures++;
  console.error(`FAIL observability ${where}: ${message}`);
};
const obs = path.join(repo, "deploy", "observability");
const dashboardFile = path.join(obs, "grafana", "dashboards", "iro-disputes.json");
const dashboard = JSON.parse(readFileSync(dashboardFile, "utf8"));
const datasources = parse(readFileSync(path.join(obs, "grafana", "provisioning", "datasources", "prometheus.yaml"), "utf8"));
const uids = new Set(datasources.datasources.map((d) => d.uid));

// Meters the services register: "iro.x.y" literals in main Java sources, with the tags and histogram switch of the
// builder statement they appear in.
const meters = new Map();
function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith(".java")) {
      const text = readFileSync(p, "utf8");
      for (const m of text.matchAll(/"(iro(?:\.[a-z]+)+)"/g)) {
        const statement = text.slice(m.index, text.indexOf(";", m.index));
        const tags = new Set([...statement.matchAll(/\.tag\("([a-z_]+)"/g)].map((t) => t[1]));
        const entryOf = meters.get(m[1]) || { tags: new Set(), histogram: false, files: new Set() };
        tags.forEach((t) => entryOf.tags.add(t));
        entryOf.histogram ||= /publishPercentileHistogram|serviceLevelObjectives/.test(statement);
        entryOf.files.add(path.relative(repo, p));
        meters.set(m[1], entryOf);
      }
    }
  }
}
for (const module of ["dispute-command", "dispute-query", "deadline-scheduler"]) walk(path.join(repo, module, "src", "main", "java"));

const suffixes = ["_bucket", "_count", "_sum", "_max", "_total", "_seconds", "_events"];
function meterOf(series) {
  let name = series;
  for (;;) {
    const dotted = name.replace(/_/g, ".");
    if (meters.has(dotted)) return dotted;
    const s = suffixes.find((x) => name.endsWith(x));
    if (!s) return null;
    name = name.slice(0, -s.length);
  }
}
// Seen at /actuator/prometheus of the three services (Spring Boot 4.1 with Micrometer, HikariCP) and Prometheus's own.
const standard = new Set(["up", "http_server_requests_seconds_count", "http_server_requests_seconds_sum", "jvm_memory_used_bytes",
  "jvm_memory_max_bytes", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_count", "hikaricp_connections_active",
  "hikaricp_connections_pending", "process_cpu_usage"]);
const common = new Set(["application", "instance", "job", "le"]);
const functions = new Set(["sum", "max", "min", "avg", "rate", "increase", "histogram_quantile", "by", "without", "count", "on", "ignoring"]);

const rules = [];
const panels = (dashboard.panels || []).flatMap((p) => [p, ...(p.panels || [])]);
for (const panel of panels) {
  const where = `panel "${panel.title}"`;
  for (const t of panel.targets || []) {
    if (!uids.has(t.datasource?.uid) || !uids.has(panel.datasource?.uid)) fail(where, `data source ${t.datasource?.uid} is not provisioned`);
    const expr = t.expr;
    rules.push({ record: `dashboard:panel_${panel.id}_${t.refId}`, expr: expr.replace(/\$__rate_interval/g, "5m") });
    const withoutStrings = expr.replace(/"[^"]*"/g, '""').replace(/\$__rate_interval/g, "5m");
    for (const m of withoutStrings.matchAll(/\b([a-z_][a-z0-9_]*)\b(\{[^}]*\})?/g)) {
      const [, series, matchers] = m;
      if (functions.has(series) || common.has(series)) continue;
      const before = withoutStrings.slice(0, m.index);
      if (/\b(by|without)\s*\([a-z_, ]*$/.test(before)) continue; // a label list
      if (/^\d/.test(series) || /\[$/.test(before)) continue;
      if (series.startsWith("iro_")) {
        const meter = meterOf(series);
        if (!meter) {
          fail(where, `${series} is no meter the services register`);
          continue;
        }
        const info = meters.get(meter);
        if (series.endsWith("_bucket") && !info.histogram) fail(where, `${series}: ${meter} publishes no histogram (${[...info.files].join(", ")})`);
        for (const lm of (matchers || "").matchAll(/([a-z_]+)\s*(=~|!~|!=|=)/g)) {
          if (!info.tags.has(lm[1]) && !common.has(lm[1])) fail(where, `${series} has no label ${lm[1]} (tags: ${[...info.tags].join(", ") || "none"})`);
        }
      } else if (!standard.has(series)) {
        fail(where, `${series} is neither an iro_ meter nor a standard metric seen at /actuator/prometheus`);
      }
    }
  }
}
const used = new Set(rules.flatMap((r) => [...r.expr.matchAll(/\biro_[a-z_]+/g)].map((m) => meterOf(m[0]))));
console.log(`dashboard: ${rules.length} queries over ${used.size} iro meters (${[...used].sort().join(", ")})`);
writeFileSync(rulesOut, stringify({ groups: [{ name: "dashboard-queries", rules }] }));

if (failures > 0) {
  console.error(`check-observability: ${failures} problem(s)`);
  process.exit(1);
}
