import * as echarts from 'echarts/core';
import { BarChart as EBar } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([EBar, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

// A grouped bar chart (SVG renderer: crisp, and its text is selectable and readable by screen readers).
// `horizontal` puts long category names on the left (many categories); `rotate` tilts them below.
export function BarChart({ categories, series, label, height = 280, horizontal = false, rotate = 0 }: {
  categories: string[]; series: { name: string; data: number[]; color?: string }[]; label: string; height?: number;
  horizontal?: boolean; rotate?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      aria: { enabled: true, label: { description: label } },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: horizontal ? { left: 8, right: 24, top: 36, bottom: 8, containLabel: true } : { left: 40, right: 16, top: 36, bottom: rotate ? 8 : 40, containLabel: !!rotate },
      [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: categories, inverse: horizontal, axisLabel: { interval: 0, rotate } },
      [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, itemStyle: s.color ? { color: s.color } : undefined })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => { window.removeEventListener('resize', onResize); chart.dispose(); };
  }, [categories, series, label, horizontal, rotate]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={label} />;
}
