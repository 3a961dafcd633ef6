// Outside Office (the pane's standalone demo in a plain browser, where office.js cannot load) there is no
// `CustomFunctions` global, and the build's appended `CustomFunctions.associate(...)` calls would throw on load.
// A no-op stand-in keeps the page quiet there; inside Excel, office.js defines the real one first.
const g = globalThis as { CustomFunctions?: unknown };
if (typeof g.CustomFunctions === "undefined") {
  g.CustomFunctions = { associate: () => undefined };
}
export {};
