// End-to-end test of `cvgen watch --preview` in a real headless Chromium (run by
// tests/browser/preview.sh, which installs Chromium and playwright-core and starts the watch).
// Usage: node preview.mjs URL PROFILE [SCREENSHOT]
// The page loads and shows the CV; an edit to the profile changes the rendered text within a
// second; a broken edit shows the diagnostic over the pages it keeps; a fixed edit clears it.
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync } from "node:fs";

const [url, profile, screenshot] = process.argv.slice(2);
const fail = (message) => { console.error(`preview e2e: ${message}`); process.exit(1); };
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(url);
  const pageText = () => page.$$eval("#pages img", (images) => images.map((i) => i.alt).join(" "));
  await page.waitForFunction(() => [...document.querySelectorAll("#pages img")].some((i) => i.alt.includes("Hanqing Zhu")),
    null, { timeout: 10000 }).catch(() => fail("the CV's pages did not load"));
  const pages = await page.$$eval("#pages img", (images) => images.length);
  console.log(`loaded: ${pages} pages`);
  await page.evaluate(() => window.scrollTo(0, 400));

  // An edit shows within a second.
  const original = readFileSync(profile, "utf8");
  const edited = original.replace(/^headline: .*$/m, "headline: Previewed headline 4217");
  if (edited === original) fail("the profile has no `headline:` line to edit");
  let started = Date.now();
  writeFileSync(profile, edited);
  await page.waitForFunction(() => [...document.querySelectorAll("#pages img")].some((i) => i.alt.includes("Previewed headline 4217")),
    null, { timeout: 1000 }).catch(() => fail("an edit did not reach the page within a second"));
  console.log(`edit shown after ${Date.now() - started} ms`);
  const scrolled = await page.evaluate(() => window.scrollY);
  if (scrolled !== 400) fail(`the scroll position moved from 400 to ${scrolled}`);

  // A broken edit shows its diagnostic over the pages it keeps.
  writeFileSync(profile, edited.replace(/^name: .*$/m, "name: [unclosed"));
  await page.waitForSelector("#diagnostics:not([hidden])", { timeout: 5000 }).catch(() => fail("a broken edit showed no diagnostic"));
  const shown = await page.textContent("#diagnostics");
  if (!shown.includes("profile.yaml")) fail(`the diagnostic does not name the file: ${shown}`);
  if (!(await pageText()).includes("Previewed headline 4217")) fail("a broken edit lost the last good pages");
  console.log(`diagnostic shown: ${shown.split("\n")[0]}`);
  if (screenshot) await page.screenshot({ path: screenshot });

  // A fixed edit clears it.
  started = Date.now();
  writeFileSync(profile, original);
  await page.waitForSelector("#diagnostics", { state: "hidden", timeout: 5000 }).catch(() => fail("a fixed edit did not clear the diagnostic"));
  await page.waitForFunction(() => ![...document.querySelectorAll("#pages img")].some((i) => i.alt.includes("Previewed headline 4217")),
    null, { timeout: 5000 }).catch(() => fail("a fixed edit did not update the pages"));
  console.log(`fixed edit shown after ${Date.now() - started} ms`);
  console.log("preview e2e: ok");
} finally {
  await browser.close();
}
