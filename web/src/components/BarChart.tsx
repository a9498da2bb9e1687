import * as echarts from 'echarts/core';
import { BarChart as EBar } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../format';

echarts.use([EBar, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

// A grouped bar chart (SVG renderer: crisp, and its text is selectable and readable by screen readers).
// `horizontal` puts long category names on the left (many categories); `rotate` tilts them below (more
// than six categories below the bars are tilted anyway, so that no label runs into the next). Numbers
// read as everywhere else in the user's language: the axis compact (1,2 mil.), the tooltip whole.
export function BarChart({ categories, series, label, height = 280, horizontal = false, rotate = 0 }: {
  categories: string[]; series: { name: string; data: number[]; color?: string }[]; label: string; height?: number;
  horizontal?: boolean; rotate?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { i18n } = useTranslation();
  const lang = i18n.language;
  useEffect(() => {
    const locale = localeOf(lang);
    const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const tilt = !horizontal && !rotate && categories.length > 6 ? 35 : rotate;
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      aria: { enabled: true, label: { description: label } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? whole.format(v) : String(v ?? '')) },
      legend: { top: 0 },
      grid: horizontal ? { left: 8, right: 24, top: 36, bottom: 8, containLabel: true } : { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: categories, inverse: horizontal, axisLabel: { interval: 0, rotate: tilt } },
      // On a phone's width a value axis below the bars keeps to a few ticks, so their labels do not run together.
      [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1, splitNumber: horizontal && ref.current.clientWidth < 480 ? 3 : undefined,
        axisLabel: { formatter: (v: number) => compact.format(v) } },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, itemStyle: s.color ? { color: s.color } : undefined })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => { window.removeEventListener('resize', onResize); chart.dispose(); };
  }, [categories, series, label, horizontal, rotate, lang]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={label} />;
}
