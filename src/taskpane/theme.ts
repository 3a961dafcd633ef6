/**
 * Fluent UI v9 themes in Excel's colours (Excel's green brand, #107C41 at step 80), light or dark as Office is.
 */
import { createDarkTheme, createLightTheme } from "@fluentui/react-components";
import type { BrandVariants, Theme } from "@fluentui/react-components";

const excelGreen: BrandVariants = {
  10: "#020402",
  20: "#0C1A10",
  30: "#112B19",
  40: "#13391F",
  50: "#144726",
  60: "#15562D",
  70: "#126535",
  80: "#107C41",
  90: "#1F8A4C",
  100: "#369757",
  110: "#4BA366",
  120: "#60B076",
  130: "#76BC87",
  140: "#8CC899",
  150: "#A3D4AC",
  160: "#BAE0C1",
};

export function excelTheme(dark = false): Theme {
  if (dark) {
    const t = createDarkTheme(excelGreen);
    return { ...t, colorBrandForeground1: excelGreen[110], colorBrandForeground2: excelGreen[120] };
  }
  return createLightTheme(excelGreen);
}
