/**
 * manifest.xml, checked structurally (online validation is not available here): well-formed XML, unique resource
 * ids, every resid defined in the right resource group, the shared runtime and custom-functions requirements,
 * namespace KA, the ribbon button, zh-CN overrides, and every URL pointing at a file `npm run build` emitted.
 */
import * as fs from "fs";
import * as path from "path";
import { XMLValidator } from "fast-xml-parser";
import { ROOT, DIST, distFile, parseXml, allElements, type XmlElement } from "./dist";

const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const root = parseXml(source);
const elements = allElements(root);
const DEV_URL = "https://localhost:3000/";

const resources = elements.filter((e) => e.ancestors.includes("Resources") && e.attrs.id !== undefined);
const resourceById = new Map(resources.map((e) => [e.attrs.id, e]));
const groupOf = (e: XmlElement) => e.ancestors[e.ancestors.length - 1]; // bt:Images, bt:Urls, bt:ShortStrings, bt:LongStrings
const urlOf = (resid: string) => resourceById.get(resid)?.attrs.DefaultValue;
const find = (pred: (e: XmlElement) => boolean) => elements.filter(pred);

describe("manifest.xml", () => {
  test("is well-formed XML, and the build copies it unchanged (no KA_ADDIN_URL set)", () => {
    expect(XMLValidator.validate(source)).toBe(true);
    if (!process.env.KA_ADDIN_URL) expect(distFile("manifest.xml")).toBe(source);
  });

  test("is an Excel task pane add-in by KA Risk with a GUID id", () => {
    expect(root.name).toBe("OfficeApp");
    expect(root.attrs["xsi:type"]).toBe("TaskPaneApp");
    const text = (name: string) => root.children.find((c) => c.name === name)?.text;
    expect(text("Id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(text("ProviderName")).toBe("KA Risk");
    expect(find((e) => e.name === "Host" && e.ancestors.join("/") === "OfficeApp/Hosts").map((e) => e.attrs.Name)).toEqual(["Workbook"]);
    // the element order the schema requires for OfficeApp's first children
    const order = root.children.map((c) => c.name);
    const expected = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "Hosts", "Requirements", "DefaultSettings", "Permissions", "VersionOverrides"];
    expect(order).toEqual(expected);
  });

  test("resource ids are unique, at most 32 characters, and control/group ids are unique", () => {
    const ids = resources.map((e) => e.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect([id, id.length <= 32]).toEqual([id, true]);
    const controlIds = find((e) => (e.name === "Control" || e.name === "Group") && e.attrs.id !== undefined).map((e) => e.attrs.id);
    expect(new Set(controlIds).size).toBe(controlIds.length);
  });

  test("every resid is defined, in the resource group its element needs", () => {
    const expectedGroup = (e: XmlElement): string => {
      if (e.name === "bt:Image") return "bt:Images";
      if (["SourceLocation", "FunctionFile", "Runtime", "LearnMoreUrl"].includes(e.name)) return "bt:Urls";
      if (e.name === "Description") return "bt:LongStrings";
      return "bt:ShortStrings"; // Label, Title, Namespace
    };
    const refs = find((e) => e.attrs.resid !== undefined);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const target = resourceById.get(ref.attrs.resid);
      expect([ref.name, ref.attrs.resid, target ? groupOf(target) : "undefined"]).toEqual([ref.name, ref.attrs.resid, expectedGroup(ref)]);
    }
  });

  test("requires the shared runtime (SharedRuntime 1.1), CustomFunctionsRuntime 1.3 and ExcelApi 1.9", () => {
    const sets = find((e) => e.name === "Set" && e.ancestors.includes("Requirements"));
    const versions = Object.fromEntries(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion]));
    expect(versions).toEqual({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3", ExcelApi: "1.9" });
  });

  test("a support page: SupportUrl points at the add-in's own support.html", () => {
    expect(root.children.find((c) => c.name === "SupportUrl")?.attrs.DefaultValue).toBe(`${DEV_URL}support.html`);
  });

  test("one long-lived runtime on the task pane page; the custom functions run in it", () => {
    const runtimes = find((e) => e.name === "Runtime");
    expect(runtimes.map((r) => [r.attrs.resid, r.attrs.lifetime])).toEqual([["Taskpane.Url", "long"]]);
    const cf = find((e) => e.name === "ExtensionPoint" && e.attrs["xsi:type"] === "CustomFunctions")[0];
    const inCf = allElements(cf);
    const loc = (parent: string) => inCf.find((e) => e.name === "SourceLocation" && e.ancestors[e.ancestors.length - 1] === parent)?.attrs.resid;
    expect(loc("Page")).toBe("Taskpane.Url");
    expect(urlOf(loc("Script")!)).toBe(`${DEV_URL}functions.js`);
    expect(urlOf(loc("Metadata")!)).toBe(`${DEV_URL}functions.json`);
    expect(find((e) => e.name === "FunctionFile").map((e) => e.attrs.resid)).toEqual(["Taskpane.Url"]);
    expect(urlOf("Taskpane.Url")).toBe(`${DEV_URL}taskpane.html`);
    expect(find((e) => e.name === "SourceLocation" && e.ancestors.includes("DefaultSettings"))[0].attrs.DefaultValue).toBe(`${DEV_URL}taskpane.html`);
  });

  test("custom functions namespace is KA", () => {
    const ns = find((e) => e.name === "Namespace")[0];
    expect(resourceById.get(ns.attrs.resid)?.attrs.DefaultValue).toBe("KA");
  });

  test("a Home-tab button opens the task pane (no TaskpaneId: one pane in a shared runtime)", () => {
    const tab = find((e) => e.name === "OfficeTab")[0];
    expect(tab.attrs.id).toBe("TabHome");
    const actions = allElements(tab).filter((e) => e.name === "Action");
    expect(actions.map((a) => a.attrs["xsi:type"])).toEqual(["ShowTaskpane"]);
    const action = allElements(actions[0]);
    expect(action.find((e) => e.name === "TaskpaneId")).toBeUndefined();
    expect(action.find((e) => e.name === "SourceLocation")?.attrs.resid).toBe("Taskpane.Url");
    const sizes = allElements(tab).filter((e) => e.name === "bt:Image").map((e) => e.attrs.size);
    expect(new Set(sizes)).toEqual(new Set(["16", "32", "80"]));
  });

  test("zh-CN: localized function metadata and ribbon texts", () => {
    const override = (id: string) => resourceById.get(id)?.children.find((c) => c.name === "bt:Override" && c.attrs.Locale === "zh-CN")?.attrs.Value;
    expect(override("Functions.Metadata.Url")).toBe(`${DEV_URL}functions.zh-CN.json`);
    const labelled = find((e) => (e.name === "Label" || e.name === "Title" || (e.name === "Description" && e.ancestors.includes("Supertip"))) && e.attrs.resid !== undefined);
    for (const l of labelled) expect([l.attrs.resid, /[\u4e00-\u9fff]/.test(override(l.attrs.resid) ?? "")]).toEqual([l.attrs.resid, true]);
    for (const name of ["DisplayName", "Description"]) {
      const el = root.children.find((c) => c.name === name)!;
      expect(el.children.find((c) => c.name === "Override" && c.attrs.Locale === "zh-CN")).toBeDefined();
    }
  });

  test("every URL is on the dev server and points at a file the build emitted", () => {
    const urls = elements.flatMap((e) => [e.attrs.DefaultValue, e.attrs.Value].filter((v): v is string => !!v && /^https?:/.test(v)));
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) {
      expect(url.startsWith(DEV_URL)).toBe(true);
      const file = url.slice(DEV_URL.length);
      expect([url, fs.existsSync(path.join(DIST, file))]).toEqual([url, true]);
    }
  });

  test("icons are PNG files of the size their resource claims", () => {
    const icons = resources.filter((e) => e.name === "bt:Image").map((e) => [e.attrs.id, e.attrs.DefaultValue] as const);
    icons.push(["IconUrl.32x32", root.children.find((c) => c.name === "IconUrl")!.attrs.DefaultValue]);
    icons.push(["HighRes.64x64", root.children.find((c) => c.name === "HighResolutionIconUrl")!.attrs.DefaultValue]);
    for (const [id, url] of icons) {
      const size = Number(/(\d+)x\d+$/.exec(id)![1]);
      const png: Buffer = distFile(url.slice(DEV_URL.length), null);
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
      expect([id, png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([id, size, size]);
    }
  });
});
