#!/usr/bin/env node
// Validates what PartnerBot hands to Microsoft Teams and Slack with the platforms' own tools:
//  - every Adaptive Card (the golden files, and the cards the Teams adapter's tests render into
//    teams-adapter/target/cards/) with Microsoft's Adaptive Cards parser (npm `adaptivecards`),
//    targeting version 1.5: any parse or validation event fails, and so does any property the
//    parser does not know;
//  - teams/manifest.json against the JSON schema of the manifest version it declares
//    (npm `@microsoft/app-manifest`), plus its icons' files and sizes;
//  - slack/manifest.yml against Slack's manifest schema of its `_metadata.major_version`, found in
//    the sibling `shared/schemas/slack-app-manifest/` folder.
//
// Usage, from the repository root (after `npm ci --prefix tools/validate`):
//   node tools/validate/validate.mjs [--require-rendered-cards]
// Prints one line per file checked; exits 1 when anything is wrong, 2 when it could not run.

import { createRequire } from "node:module";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import Ajv2019 from "ajv/dist/2019.js";
import Ajv2020 from "ajv/dist/2020.js";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import YAML from "yaml";

const require = createRequire(import.meta.url);
// The package's `lib/` is ES modules for bundlers (imports without file extensions); its UMD build runs in Node.
const AC = require("adaptivecards/dist/adaptivecards.js");

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const MAX_CARD_VERSION = { major: 1, minor: 5 };
const requireRenderedCards = process.argv.includes("--require-rendered-cards");

let problems = 0;

function rel(file) {
  return path.relative(ROOT, file) || file;
}

function report(file, what, errors) {
  if (errors.length === 0) {
    console.log(`ok    ${rel(file)} (${what})`);
  } else {
    problems++;
    console.log(`FAIL  ${rel(file)} (${what}): ${errors.length} problem(s)`);
    for (const e of errors) {
      console.log(`        - ${e}`);
    }
  }
}

function readJson(file, errors) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    errors.push(`not readable JSON: ${e.message}`);
    return undefined;
  }
}

// ---- Adaptive Cards ------------------------------------------------------------------------------

function parseVersion(text) {
  const m = /^(\d+)\.(\d+)$/.exec(String(text ?? ""));
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

function versionAtMost(v, max) {
  return v.major < max.major || (v.major === max.major && v.minor <= max.minor);
}

function eventText(e) {
  const name = AC.ValidationEvent[e.event] ?? e.event;
  const phase = AC.ValidationPhase[e.phase] ?? e.phase;
  return `${phase} ${name}: ${e.message}`;
}

/**
 * Keys of the input that the parser dropped when it wrote the card back out: properties it does not
 * know (typos, properties of a later version, properties of another element type).
 */
function unknownProperties(source, roundTrip, where, out) {
  if (Array.isArray(source)) {
    source.forEach((item, i) => unknownProperties(item, Array.isArray(roundTrip) ? roundTrip[i] : undefined, `${where}[${i}]`, out));
    return;
  }
  if (source === null || typeof source !== "object") {
    return;
  }
  // Action data is free-form: whatever the bot puts there comes back to it.
  const opaque = new Set(["data"]);
  for (const [key, value] of Object.entries(source)) {
    if (where === "" && key === "$schema") {
      continue; // informative only; the parser does not keep it
    }
    const back = roundTrip && typeof roundTrip === "object" ? roundTrip[key] : undefined;
    if (back === undefined) {
      if (!isDefaultValue(key, value)) {
        out.push(`${where}${where ? "." : ""}${key}: property not understood by the Adaptive Cards parser`);
      }
      continue;
    }
    if (!opaque.has(key)) {
      unknownProperties(value, back, `${where}${where ? "." : ""}${key}`, out);
    }
  }
}

// Values the serializer leaves out because they are the defaults.
function isDefaultValue(key, value) {
  return value === false || value === "Default" || value === "default" || value === "Auto" || value === "auto";
}

function checkCard(file) {
  const errors = [];
  const json = readJson(file, errors);
  if (json !== undefined) {
    if (json.type !== "AdaptiveCard") {
      errors.push(`type is ${JSON.stringify(json.type)}, not "AdaptiveCard"`);
    }
    const version = parseVersion(json.version);
    if (!version) {
      errors.push(`version ${JSON.stringify(json.version)} is not major.minor`);
    } else if (!versionAtMost(version, MAX_CARD_VERSION)) {
      errors.push(`version ${json.version} is above ${MAX_CARD_VERSION.major}.${MAX_CARD_VERSION.minor}, the highest Teams renders`);
    }

    const context = new AC.SerializationContext(AC.Versions.v1_5);
    const card = new AC.AdaptiveCard();
    card.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) {
      errors.push(eventText(context.getEventAt(i)));
    }
    for (const e of card.validateProperties().validationEvents) {
      errors.push(eventText(e));
    }
    const roundTrip = card.toJSON(new AC.SerializationContext(AC.Versions.v1_5));
    unknownProperties(json, roundTrip, "", errors);
  }
  report(file, `Adaptive Card, ${json?.version ?? "?"}`, errors);
}

function jsonFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(dir, f));
}

function checkCards() {
  const golden = path.join(ROOT, "teams-adapter", "src", "test", "resources", "golden");
  const rendered = path.join(ROOT, "teams-adapter", "target", "cards");
  let count = 0;
  for (const file of jsonFiles(golden)) {
    checkCard(file);
    count++;
  }
  if (existsSync(rendered) && statSync(rendered).isDirectory()) {
    const files = jsonFiles(rendered);
    if (files.length === 0) {
      problems++;
      console.log(`FAIL  ${rel(rendered)}: no rendered cards in it`);
    }
    for (const file of files) {
      checkCard(file);
      count++;
    }
  } else if (requireRenderedCards) {
    problems++;
    console.log(`FAIL  ${rel(rendered)}: missing (run the teams-adapter tests first)`);
  } else {
    console.log(`skip  ${rel(rendered)}: not there (run the teams-adapter tests to render every card)`);
  }
  if (count === 0) {
    problems++;
    console.log(`FAIL  no Adaptive Cards found under ${rel(golden)}`);
  }
}

// ---- JSON schemas --------------------------------------------------------------------------------

function validatorFor(schema) {
  const dialect = String(schema.$schema ?? "");
  const options = { allErrors: true, strict: false };
  let ajv;
  if (dialect.includes("draft-04")) {
    ajv = new AjvDraft04(options);
  } else if (dialect.includes("2019-09")) {
    ajv = new Ajv2019(options);
  } else if (dialect.includes("2020-12")) {
    ajv = new Ajv2020(options);
  } else {
    ajv = new Ajv(options); // draft-07, and schemas that do not say
  }
  addFormats(ajv);
  return ajv.compile(schema);
}

function schemaErrors(validate, data) {
  if (validate(data)) {
    return [];
  }
  return validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
}

function pngSize(file) {
  const b = readFileSync(file);
  const signature = "89504e470d0a1a0a";
  if (b.length < 24 || b.subarray(0, 8).toString("hex") !== signature || b.subarray(12, 16).toString("latin1") !== "IHDR") {
    return undefined;
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function checkTeamsManifest() {
  const file = path.join(ROOT, "teams", "manifest.json");
  const errors = [];
  const manifest = readJson(file, errors);
  let what = "Teams app manifest";
  if (manifest !== undefined) {
    const version = String(manifest.manifestVersion ?? "");
    what = `Teams app manifest, schema v${version}`;
    const schemaFile = path.join(HERE, "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams",
      `v${version}`, "MicrosoftTeams.schema.json");
    if (!/^\d+\.\d+$/.test(version) || !existsSync(schemaFile)) {
      errors.push(`manifestVersion ${JSON.stringify(manifest.manifestVersion)}: no such schema in @microsoft/app-manifest`);
    } else {
      errors.push(...schemaErrors(validatorFor(readJson(schemaFile, errors)), manifest));
      const expectedSchemaUrl = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
      if (manifest.$schema !== undefined && manifest.$schema !== expectedSchemaUrl) {
        errors.push(`$schema is ${manifest.$schema}, expected ${expectedSchemaUrl} for manifestVersion ${version}`);
      }
    }
    // The app package holds the icons next to the manifest: colour 192x192, outline 32x32.
    for (const [kind, size] of [["color", 192], ["outline", 32]]) {
      const name = manifest.icons?.[kind];
      const icon = name ? path.join(path.dirname(file), name) : undefined;
      if (!icon || !existsSync(icon)) {
        errors.push(`icons.${kind}: file ${JSON.stringify(name)} not found next to the manifest`);
        continue;
      }
      const png = pngSize(icon);
      if (!png) {
        errors.push(`icons.${kind}: ${name} is not a PNG`);
      } else if (png.width !== size || png.height !== size) {
        errors.push(`icons.${kind}: ${name} is ${png.width}x${png.height}, Teams wants ${size}x${size}`);
      }
    }
  }
  report(file, what, errors);
}

/** `shared/schemas/slack-app-manifest`, in the repository or in a folder next to it or to a parent. */
function slackSchemaDir() {
  for (let dir = ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "schemas", "slack-app-manifest");
    if (existsSync(candidate)) {
      return candidate;
    }
    if (path.dirname(dir) === dir) {
      return undefined;
    }
  }
}

function checkSlackManifest() {
  const file = path.join(ROOT, "slack", "manifest.yml");
  const errors = [];
  let what = "Slack app manifest";
  let manifest;
  try {
    const doc = YAML.parseDocument(readFileSync(file, "utf8"), { prettyErrors: true });
    for (const e of [...doc.errors, ...doc.warnings]) {
      errors.push(`YAML: ${e.message}`);
    }
    manifest = doc.toJS();
  } catch (e) {
    errors.push(`not readable: ${e.message}`);
  }
  if (manifest !== undefined && errors.length === 0) {
    const major = manifest?._metadata?.major_version ?? 1;
    what = `Slack app manifest, schema ${major}.0.0`;
    const dir = slackSchemaDir();
    const schemaFile = dir && path.join(dir, `manifest.schema.${major}.0.0.json`);
    if (!dir && process.env.PARTNERBOT_REQUIRE_SCHEMAS !== "1") {
      // A plain clone: Slack's schema is not part of the repository. Its documented limits are checked by
      // ManifestRulesTest; say plainly that the schema check did not run.
      console.log(`validate: ${rel(file)}: Slack's manifest schema (shared/schemas/slack-app-manifest) not found, schema check skipped`);
      return;
    } else if (!dir) {
      errors.push(`shared/schemas/slack-app-manifest not found in ${ROOT} or next to it or to a parent folder`);
    } else if (!existsSync(schemaFile)) {
      errors.push(`_metadata.major_version ${major}: no ${rel(schemaFile)}`);
    } else {
      what += ` from ${rel(schemaFile)}`;
      errors.push(...schemaErrors(validatorFor(readJson(schemaFile, errors)), manifest));
    }
  }
  report(file, what, errors);
}

// ---- main ----------------------------------------------------------------------------------------

try {
  checkCards();
  checkTeamsManifest();
  checkSlackManifest();
} catch (e) {
  console.error(`validate: could not run: ${e.stack ?? e}`);
  process.exit(2);
}
if (problems > 0) {
  console.log(`validate: ${problems} file(s) with problems`);
  process.exit(1);
}
console.log("validate: all files valid");
