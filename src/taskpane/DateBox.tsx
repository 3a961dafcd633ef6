/**
 * A date box with a calendar (Fluent UI's DatePicker): typed in the user's locale format (or ISO, or with a month
 * name — dates.ts) or picked; the form keeps yyyy-mm-dd. Typed text that is no date is said under the box (the
 * Field's validation message) and the value stays what it was.
 */
import * as React from "react";
import { DatePicker } from "@fluentui/react-datepicker-compat";
import type { DatePickerProps } from "@fluentui/react-datepicker-compat";
import { dateOfIso, formatLocaleDate, isoOfDate, parseLocaleDate } from "./dates";
import type { Lang } from "./i18n";

const ZH_STRINGS: NonNullable<DatePickerProps["strings"]> = {
  months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
  shortMonths: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
  days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
  shortDays: ["日", "一", "二", "三", "四", "五", "六"],
  goToToday: "转到今天",
  weekNumberFormatString: "第 {0} 周",
  prevMonthAriaLabel: "上个月",
  nextMonthAriaLabel: "下个月",
  prevYearAriaLabel: "上一年",
  nextYearAriaLabel: "下一年",
  prevYearRangeAriaLabel: "上一个年份范围",
  nextYearRangeAriaLabel: "下一个年份范围",
  closeButtonAriaLabel: "关闭",
  selectedDateFormatString: "已选日期 {0}",
  todayDateFormatString: "今天 {0}",
  monthPickerHeaderAriaLabel: "{0}，选择年份",
  yearPickerHeaderAriaLabel: "{0}，选择月份",
  dayMarkedAriaLabel: "已标记",
};

export interface DateBoxProps {
  /** yyyy-mm-dd, or "" for none. */
  value: string;
  onChange(iso: string): void;
  /** Shown when empty: a yyyy-mm-dd date (the default), written in the locale's format. */
  placeholderIso?: string;
  locale: string;
  lang: Lang;
  /** Called with true when typed text is no date, false when it is (or the box is cleared). */
  onInvalid(invalid: boolean): void;
  "data-param": string;
  "aria-label"?: string;
}

export function DateBox(props: DateBoxProps): React.ReactElement {
  const { locale } = props;
  const formatDate = React.useCallback((d?: Date) => (d ? formatLocaleDate(isoOfDate(d), locale) : ""), [locale]);
  const parse = React.useCallback((text: string) => {
    const iso = parseLocaleDate(text, locale);
    return iso ? dateOfIso(iso) : null;
  }, [locale]);
  return (
    <DatePicker
      allowTextInput
      showMonthPickerAsOverlay
      value={dateOfIso(props.value)}
      formatDate={formatDate}
      parseDateFromString={parse}
      placeholder={props.placeholderIso ? formatLocaleDate(props.placeholderIso, locale) : formatLocaleDate("2025-12-31", locale)}
      strings={props.lang === "zh-CN" ? ZH_STRINGS : undefined}
      firstDayOfWeek={props.lang === "zh-CN" ? 1 : 0}
      onSelectDate={(d) => {
        props.onChange(d ? isoOfDate(d) : "");
        props.onInvalid(false);
      }}
      onValidationResult={(r) => props.onInvalid(r.error === "invalid-input")}
      data-param={props["data-param"]}
      aria-label={props["aria-label"]}
    />
  );
}
