/**
 * Native charts in the file: a DrawingML chart part per ChartBlock (`xl/charts/chartN.xml`) and one drawing part per
 * sheet anchoring them over cells (`xl/drawings/drawingN.xml`). Series point at the report's cells by A1 range
 * (`'KA Summary'!$H$5:$H$14`), so they follow a colleague's edits on recalculation; each also carries the values the
 * engine computed (the cache), so readers that do not calculate still draw the chart.
 * Element order follows dml-chart.xsd (CT_ChartSpace, CT_PlotArea, CT_BarSer, CT_LineSer, CT_ScatterSer, CT_PieSer).
 */
import { absoluteA1 } from "../../engine/report/refs";
import type { Cell, ChartAxis, ChartBlock, Report, Scalar, SheetSpec } from "../../engine/report/types";
import { isFormulaCell } from "../../engine/report/types";
import { cellAt } from "../report-ranges";
import type { Place, PlacedSeries } from "../report-ranges";
import { fitCellText } from "../text-guard";
import { hexColour } from "../validate-report";
import { escapeAttr, escapeText, NS, XML_DECL } from "./xml";

/** Office's default series colours (accent 1–6), used in order where a series names none. */
const PALETTE = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];

function shown(c: Cell | undefined): Scalar {
  if (c === undefined || c === null) return null;
  if (isFormulaCell(c)) return c.value;
  return c;
}

export interface ChartContext {
  report: Report;
  sheetOf(role: SheetSpec["role"]): string;
}

function ref(p: Place, ctx: ChartContext): string {
  const tl = absoluteA1(p.row, p.col);
  const range = p.rows === 1 && p.cols === 1 ? tl : `${tl}:${absoluteA1(p.row + p.rows - 1, p.col + p.cols - 1)}`;
  return `'${ctx.sheetOf(p.role).replace(/'/g, "''")}'!${range}`;
}

/** The values of a one-column (or one-row) place, in order, with the first cell's number format. */
function valuesOf(p: Place, ctx: ChartContext): { values: Scalar[]; numFmt?: string } {
  const spec = ctx.report.sheets.find((s) => s.role === p.role) as SheetSpec;
  const values: Scalar[] = [];
  let numFmt: string | undefined;
  const n = Math.max(p.rows, p.cols);
  for (let k = 0; k < n; k++) {
    const hit = p.cols > 1 && p.rows === 1 ? cellAt(spec, p.row, p.col + k) : cellAt(spec, p.row + k, p.col);
    if (k === 0) numFmt = hit.numFmt;
    values.push(shown(hit.value));
  }
  return { values, numFmt };
}

function numRef(p: Place, ctx: ChartContext): string {
  const { values, numFmt } = valuesOf(p, ctx);
  let pts = "";
  values.forEach((v, i) => {
    if (typeof v === "number" && Number.isFinite(v)) pts += `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`;
  });
  return `<c:numRef><c:f>${escapeText(ref(p, ctx))}</c:f><c:numCache><c:formatCode>${escapeText(numFmt ?? "General")}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`;
}

/** Categories: numbers (dates, percentages) as a number reference, anything else as text. */
function axisData(p: Place, ctx: ChartContext): string {
  const { values } = valuesOf(p, ctx);
  if (values.every((v) => v === null || typeof v === "number")) return numRef(p, ctx);
  let pts = "";
  values.forEach((v, i) => {
    if (v !== null && v !== "") pts += `<c:pt idx="${i}"><c:v>${escapeText(fitCellText(String(v)))}</c:v></c:pt>`;
  });
  return `<c:strRef><c:f>${escapeText(ref(p, ctx))}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`;
}

function richText(text: string, size: number, bold: boolean): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeText(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

function titleXml(text: string, size: number, bold: boolean): string {
  return `<c:title>${richText(text, size, bold)}<c:overlay val="0"/></c:title>`;
}

type Group = "bar" | "line" | "scatter" | "pie";

const AX = { cat: 500000001, val: 500000002, cat2: 500000003, val2: 500000004 };

interface SeriesOut {
  s: PlacedSeries;
  index: number;
  color: string;
}

function lineSpPr(color: string, style: PlacedSeries["spec"]["style"], hidden = false): string {
  if (hidden) return "<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>";
  const w = Math.round((style?.width ?? 2.25) * 12700);
  const dash = style?.dash === "dash" ? "dash" : style?.dash === "dot" ? "sysDot" : "solid";
  return `<c:spPr><a:ln w="${w}" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:prstDash val="${dash}"/><a:round/></a:ln></c:spPr>`;
}

function marker(on: boolean, color: string): string {
  return on ? `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr></c:marker>` : '<c:marker><c:symbol val="none"/></c:marker>';
}

function dLbls(fmt: { numberFormat?: string } | undefined, pie = false): string {
  if (!fmt) return "";
  return `<c:dLbls>${fmt.numberFormat ? `<c:numFmt formatCode="${escapeAttr(fmt.numberFormat)}" sourceLinked="0"/>` : ""}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>${pie ? '<c:showLeaderLines val="1"/>' : ""}</c:dLbls>`;
}

function seriesXml(o: SeriesOut, group: Group, chartType: ChartBlock["type"], ctx: ChartContext): string {
  const { s, index, color } = o;
  const head = `<c:ser><c:idx val="${index}"/><c:order val="${index}"/><c:tx><c:v>${escapeText(s.spec.name)}</c:v></c:tx>`;
  const cat = s.categories ? axisData(s.categories, ctx) : undefined;
  switch (group) {
    case "bar":
      return `${head}<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>${dLbls(s.spec.dataLabels)}${cat ? `<c:cat>${cat}</c:cat>` : ""}<c:val>${numRef(s.values, ctx)}</c:val></c:ser>`;
    case "line":
      return `${head}${lineSpPr(color, s.spec.style)}${marker(s.spec.style?.markers ?? false, color)}${dLbls(s.spec.dataLabels)}${cat ? `<c:cat>${cat}</c:cat>` : ""}<c:val>${numRef(s.values, ctx)}</c:val><c:smooth val="0"/></c:ser>`;
    case "scatter": {
      const pointsOnly = chartType === "scatter";
      const x = s.categories ? `<c:xVal>${numRef(s.categories, ctx)}</c:xVal>` : "";
      return `${head}${lineSpPr(color, s.spec.style, pointsOnly && s.spec.style?.dash === undefined)}${marker(s.spec.style?.markers ?? pointsOnly, color)}${dLbls(s.spec.dataLabels)}${x}<c:yVal>${numRef(s.values, ctx)}</c:yVal><c:smooth val="0"/></c:ser>`;
    }
    case "pie": {
      // Each slice gets its colour: "automatic" colours come from a theme, which this writer does not ship.
      const n = Math.max(s.values.rows, s.values.cols);
      let points = "";
      for (let i = 0; i < n; i++) points += `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="${PALETTE[i % PALETTE.length]}"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr></c:dPt>`;
      return `${head}${points}${dLbls(s.spec.dataLabels, true)}${cat ? `<c:cat>${cat}</c:cat>` : ""}<c:val>${numRef(s.values, ctx)}</c:val></c:ser>`;
    }
  }
}

function scaling(axis: ChartAxis | undefined, reverse: boolean): string {
  return `<c:scaling><c:orientation val="${reverse ? "maxMin" : "minMax"}"/>${axis?.max !== undefined ? `<c:max val="${axis.max}"/>` : ""}${axis?.min !== undefined ? `<c:min val="${axis.min}"/>` : ""}</c:scaling>`;
}

function axisCommon(axis: ChartAxis | undefined, gridDefault: boolean): { grid: string; title: string; numFmt: string } {
  return {
    grid: (axis?.gridlines ?? gridDefault) ? "<c:majorGridlines/>" : "",
    title: axis?.title ? titleXml(axis.title, 1000, false) : "",
    numFmt: axis?.numberFormat ? `<c:numFmt formatCode="${escapeAttr(axis.numberFormat)}" sourceLinked="0"/>` : '<c:numFmt formatCode="General" sourceLinked="1"/>',
  };
}

function catAx(id: number, cross: number, pos: string, axis: ChartAxis | undefined, reverse: boolean, deleted = false): string {
  const a = axisCommon(axis, false);
  return `<c:catAx><c:axId val="${id}"/>${scaling(undefined, reverse)}<c:delete val="${deleted ? 1 : 0}"/><c:axPos val="${pos}"/>${a.grid}${a.title}${a.numFmt}<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
}

function valAx(id: number, cross: number, pos: string, axis: ChartAxis | undefined, opts: { crossesMax?: boolean; grid?: boolean; between?: "between" | "midCat" }): string {
  const a = axisCommon(axis, opts.grid ?? true);
  return `<c:valAx><c:axId val="${id}"/>${scaling(axis, false)}<c:delete val="0"/><c:axPos val="${pos}"/>${a.grid}${a.title}${a.numFmt}<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${cross}"/><c:crosses val="${opts.crossesMax ? "max" : "autoZero"}"/><c:crossBetween val="${opts.between ?? "between"}"/></c:valAx>`;
}

/** The chart part of one ChartBlock whose series are resolved. */
export function chartXml(block: ChartBlock, series: PlacedSeries[], ctx: ChartContext): string {
  const base: Group = block.type === "line" ? "line" : block.type === "pie" ? "pie" : block.type.startsWith("scatter") ? "scatter" : "bar";
  const horizontal = block.type === "barClustered" || block.type === "barStacked";
  const stacked = block.type === "barStacked" || block.type === "columnStacked";
  const outs: SeriesOut[] = series.map((s, i) => ({ s, index: i, color: s.spec.style?.color ? hexColour(s.spec.style.color) : PALETTE[i % PALETTE.length] }));
  const groupOf = (o: SeriesOut): Group => (base === "pie" || base === "scatter" ? base : o.s.spec.type === "line" ? "line" : o.s.spec.type === "column" ? "bar" : base);
  const primary = outs.filter((o) => !o.s.spec.secondaryAxis || base === "pie");
  const secondary = outs.filter((o) => o.s.spec.secondaryAxis && base !== "pie");

  const groupXml = (members: SeriesOut[], group: Group, axes: [number, number]): string => {
    if (members.length === 0) return "";
    const sers = members.map((o) => seriesXml(o, group, block.type, ctx)).join("");
    const ids = `<c:axId val="${axes[0]}"/><c:axId val="${axes[1]}"/>`;
    switch (group) {
      case "bar": {
        return `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>${sers}<c:gapWidth val="60"/>${stacked ? '<c:overlap val="100"/>' : ""}${ids}</c:barChart>`;
      }
      case "line":
        return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${sers}<c:marker val="1"/>${ids}</c:lineChart>`;
      case "scatter":
        return `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${sers}${ids}</c:scatterChart>`;
      case "pie":
        return `<c:pieChart><c:varyColors val="1"/>${sers}<c:firstSliceAng val="0"/></c:pieChart>`;
    }
  };
  const byGroup = (members: SeriesOut[], axes: [number, number]) =>
    (["bar", "line", "scatter", "pie"] as Group[]).map((g) => groupXml(members.filter((o) => groupOf(o) === g), g, axes)).join("");

  let plot = byGroup(primary, [AX.cat, AX.val]) + byGroup(secondary, [AX.cat2, AX.val2]);
  if (base === "scatter") {
    plot += valAx(AX.cat, AX.val, "b", block.categoryAxis, { grid: false, between: "midCat" });
    plot += valAx(AX.val, AX.cat, "l", block.valueAxis, { between: "midCat" });
    if (secondary.length > 0) {
      plot += valAx(AX.cat2, AX.val2, "b", undefined, { grid: false, between: "midCat" }).replace('<c:delete val="0"/>', '<c:delete val="1"/>');
      plot += valAx(AX.val2, AX.cat2, "r", block.secondaryValueAxis, { crossesMax: true, grid: false, between: "midCat" });
    }
  } else if (base !== "pie") {
    const reverse = block.categoryAxis?.reverse ?? horizontal;
    plot += catAx(AX.cat, AX.val, horizontal ? "l" : "b", block.categoryAxis, reverse);
    plot += valAx(AX.val, AX.cat, horizontal ? "b" : "l", block.valueAxis, { crossesMax: reverse });
    if (secondary.length > 0) {
      plot += catAx(AX.cat2, AX.val2, horizontal ? "l" : "b", undefined, reverse, true);
      plot += valAx(AX.val2, AX.cat2, horizontal ? "t" : "r", block.secondaryValueAxis, { crossesMax: true, grid: false });
    }
  }
  const legendPos = block.legend ?? (base === "pie" ? "right" : series.length > 1 ? "bottom" : "none");
  const legend = legendPos === "none" ? "" : `<c:legend><c:legendPos val="${{ right: "r", bottom: "b", top: "t" }[legendPos]}"/><c:overlay val="0"/></c:legend>`;
  return (
    `${XML_DECL}<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.a}" xmlns:r="${NS.rel}"><c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(block.title, 1200, true)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea>${legend}<c:plotVisOnly val="0"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:chartSpace>`
  );
}

/** The drawing part of a sheet: each chart anchored from its top-left cell over `widthCols` × `heightRows` cells. */
export function drawingXml(charts: { block: ChartBlock; rId: string }[]): string {
  const anchors = charts.map(({ block, rId }, i) => {
    const w = block.widthCols ?? 6;
    const h = block.heightRows ?? 15;
    return (
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${block.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${block.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${block.col + w}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${block.row + h}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttr(`Chart ${i + 1}`)}" descr="${escapeAttr(block.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" r:id="${rId}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return `${XML_DECL}<xdr:wsDr xmlns:xdr="${NS.drawing}" xmlns:a="${NS.a}" xmlns:r="${NS.rel}">${anchors.join("")}</xdr:wsDr>`;
}
