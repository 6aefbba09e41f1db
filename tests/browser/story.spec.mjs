// Browser test of the Parallax web UI, run with plain `node story.spec.mjs`.
//
// Needs a running `parallax serve` whose store holds the two sample articles (the English TVN24
// copy and the Swedish Omni analysis) clustered into one story.
//
// Environment:
//   PARALLAX_URL  base URL of the server (required), e.g. http://127.0.0.1:8080
//   CHROMIUM      the browser to drive (default /usr/bin/chromium)
//   ARTIFACTS     where the screenshot goes (default target/browser-artifacts)
//
// Opens the story list, clicks the story that holds both samples, and checks the story page:
// both languages, the six perspectives with their outlets, and the death-toll conflict with
// both sources named. Saves a full-page screenshot. Exits non-zero, saying what failed.

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

const BASE = process.env.PARALLAX_URL;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARTIFACTS = resolve(process.env.ARTIFACTS || "target/browser-artifacts");
const TIMEOUT_MS = 20_000;

const SPEAKERS = [
  "Łukasz Fyderek",
  "Dan Byman",
  "Matthew Schmidt",
  "Michael Kurilla",
  "Alex Rossi",
  "Nick Paton Walsh",
];
const OUTLETS = ["Sky News", "CNN"];

const failures = [];
function check(ok, message) {
  if (!ok) failures.push(message);
  return ok;
}

/** Whitespace-normalised text. */
const norm = (s) => (s || "").replace(/\s+/g, " ").trim();

async function main() {
  if (!BASE) {
    throw new Error(
      "PARALLAX_URL is not set: start `parallax serve` on a store with the two samples ingested " +
        "and set PARALLAX_URL to its address (e.g. http://127.0.0.1:8080)",
    );
  }
  const origin = new URL(BASE).origin;
  mkdirSync(ARTIFACTS, { recursive: true });

  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  } catch (e) {
    throw new Error(
      `cannot start the browser at ${CHROMIUM} (${e.message.split("\n")[0]}): install chromium ` +
        "(apt-get install chromium) or set CHROMIUM to its path",
    );
  }

  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(TIMEOUT_MS);

    // The pages load nothing from elsewhere.
    const foreign = [];
    page.on("request", (req) => {
      const url = req.url();
      if (!url.startsWith(origin) && !url.startsWith("data:")) foreign.push(url);
    });
    const pageErrors = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));

    // 1. The story list.
    const res = await page.goto(new URL("/", BASE).href, { waitUntil: "load" });
    if (!res || !res.ok()) {
      throw new Error(`GET / answered ${res ? res.status() : "nothing"}: is the server at ${BASE} running?`);
    }
    const items = page.locator("#stories > li");
    const count = await items.count();
    if (!check(count > 0, "the story list at / is empty: were the samples ingested?")) return;

    // 2. The story holding both samples: one listing both English and Swedish.
    let target = null;
    for (let i = 0; i < count; i++) {
      const langs = norm(await items.nth(i).locator(".langs").innerText().catch(() => ""));
      const codes = langs.split(",").map((c) => c.trim());
      if (codes.includes("en") && codes.includes("sv")) {
        target = items.nth(i);
        break;
      }
    }
    if (!target) {
      const listed = [];
      for (let i = 0; i < Math.min(count, 10); i++) listed.push("  " + norm(await items.nth(i).innerText()));
      throw new Error(
        "no story on / lists both en and sv among its languages: the two samples were not " +
          "clustered into one story. Stories listed:\n" + listed.join("\n"),
      );
    }
    await Promise.all([page.waitForURL(/\/stories\/\d+/), target.locator("h2 a").click()]);
    await page.locator("h1").waitFor();
    const storyUrl = page.url();

    // 3. Both languages.
    const languages = norm(await page.locator("#languages").innerText().catch(() => ""));
    check(/\(en\)/.test(languages), `the story page does not show English (en) among its languages: "${languages}"`);
    check(/\(sv\)/.test(languages), `the story page does not show Swedish (sv) among its languages: "${languages}"`);
    check((await page.locator('main [lang="sv"]').count()) > 0, 'no text on the story page is marked lang="sv"');

    // 4. Perspectives: the six speakers, Sky News and CNN as outlets.
    const persp = page.locator("section:has(#perspectives-h)");
    const cards = persp.locator("li.card");
    const cardTexts = [];
    for (let i = 0; i < (await cards.count()); i++) cardTexts.push(norm(await cards.nth(i).innerText()));
    const speakers = [];
    for (let i = 0; i < (await cards.count()); i++) speakers.push(norm(await cards.nth(i).locator("h3").innerText()));
    for (const name of SPEAKERS) {
      check(
        speakers.some((s) => s.includes(name)),
        `no perspective card for ${name} (speakers shown: ${speakers.join("; ") || "none"})`,
      );
    }
    const outlets = [];
    for (let i = 0; i < (await persp.locator(".outlet").count()); i++) outlets.push(norm(await persp.locator(".outlet").nth(i).innerText()));
    for (const outlet of OUTLETS) {
      check(
        outlets.some((o) => o.includes(outlet)),
        `no perspective names ${outlet} as its outlet (outlets shown: ${outlets.join("; ") || "none"})`,
      );
    }
    check(
      cardTexts.some((t) => t.includes("Alex Rossi") && t.includes("Sky News")),
      "Alex Rossi's card does not name Sky News",
    );
    check(
      cardTexts.some((t) => t.includes("Nick Paton Walsh") && t.includes("CNN")),
      "Nick Paton Walsh's card does not name CNN",
    );

    // 5. The death-toll conflict: over 130 against 115, both sources named and linked.
    const figures = page.locator("section.figure");
    let conflict = null;
    for (let i = 0; i < (await figures.count()); i++) {
      const t = norm(await figures.nth(i).innerText());
      if ((t.includes(">130") || /over 130/i.test(t)) && /\b115\b/.test(t)) {
        conflict = figures.nth(i);
        break;
      }
    }
    if (check(conflict !== null, 'no figure on the story page compares "over 130" (>130) with 115')) {
      const t = norm(await conflict.innerText());
      check(/conflict/i.test(t), `the death-toll figure is not marked as a conflict: "${t.slice(0, 300)}"`);
      const rows = conflict.locator("tbody tr");
      const sources = new Set();
      const anchors = [];
      for (let i = 0; i < (await rows.count()); i++) {
        const cell = rows.nth(i).locator("td").nth(2);
        sources.add(norm(await cell.innerText()));
        const href = await cell.locator("a").first().getAttribute("href").catch(() => null);
        if (href) anchors.push(href);
      }
      check(sources.size >= 2, `the death-toll conflict names fewer than two sources: ${[...sources].join("; ")}`);
      for (const href of anchors) {
        if (href.startsWith("#")) {
          check((await page.locator(href).count()) === 1, `the claim link ${href} points at no source on the page`);
        }
      }
      check(/background box/i.test(t), "the 115 claim does not say it comes from a background box");
    }

    // Text from articles is shown as text: a page whose title and quotes hold script tags runs
    // no script and shows the tags literally.
    const other = await browser.newPage();
    other.setDefaultTimeout(TIMEOUT_MS);
    const dialogs = [];
    other.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await other.goto(new URL("/", BASE).href, { waitUntil: "load" });
    const hostile = other.locator("#stories > li a", { hasText: "Harbour council" }).first();
    if (check((await hostile.count()) === 1, "the story of the page with script tags is not listed")) {
      await hostile.click();
      await other.waitForLoadState("load");
      const body = await other.locator("main").innerText();
      check(body.includes('<script>alert("title")</script>'), "the script tag in the title is not shown as text");
      check(dialogs.length === 0, `article text ran as script: ${dialogs.join("; ")}`);
    }

    check(foreign.length === 0, `the pages loaded resources from elsewhere: ${foreign.join(", ")}`);
    check(pageErrors.length === 0, `the pages raised script errors: ${pageErrors.join("; ")}`);

    // 6. Screenshot.
    const shot = join(ARTIFACTS, "story.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`story page: ${storyUrl}`);
    console.log(`screenshot: ${shot}`);
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (e) {
  failures.push(e.message);
}
if (failures.length > 0) {
  console.error(`browser test FAILED (${failures.length} problem${failures.length === 1 ? "" : "s"}):`);
  for (const f of failures) console.error(`  - ${f}`);
  console.error("0 passed, 1 failed");
  process.exit(1);
}
console.log("browser test passed: story page shows both languages, six perspectives and the death-toll conflict");
console.log("1 passed, 0 failed");
