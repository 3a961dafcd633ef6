/**
 * The report catalogue: every string the product writes into a workbook, the JSON's human-readable texts and the
 * engine's warnings, in English and Simplified Chinese. One area per file under `messages/`; an area registers
 * here with one line. See the README ("Adding a report string").
 */
import { alerts } from "./messages/alerts";
import { common } from "./messages/common";
import { currency } from "./messages/currency";
import { findings } from "./messages/findings";
import { forecast } from "./messages/forecast";
import { receivables } from "./messages/receivables";
import { dependence } from "./messages/dependence";
import { segments } from "./messages/segments";

export const CATALOGUE = {
  alerts,
  common,
  currency,
  findings,
  receivables,
  dependence,
  segments,
  forecast,
} as const;

export type Catalogue = typeof CATALOGUE;
/** The English messages of every area: the shape every language follows. */
export type CatalogueMessages = { readonly [Area in keyof Catalogue]: Catalogue[Area]["en"] };
