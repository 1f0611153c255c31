// The district home's chart: hazards found, rectified and overdue per month (ECharts, loaded
// with the page that shows it).
import ReactEChartsCoreModule from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// The package is CommonJS: the production bundle hands its default export over as `.default`.
const ReactEChartsCore = (ReactEChartsCoreModule as unknown as { default?: typeof ReactEChartsCoreModule }).default ?? ReactEChartsCoreModule;

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  kind: 'bar' | 'line';
  values: number[];
  color: string;
}

export default function FiguresChart(props: { categories: string[]; series: ChartSeries[]; height?: number }) {
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: props.categories },
    yAxis: { type: 'value', minInterval: 1 },
    series: props.series.map((s) => ({ name: s.name, type: s.kind, data: s.values, itemStyle: { color: s.color }, ...(s.kind === 'line' ? { smooth: true } : { barMaxWidth: 28 }) })),
  };
  return (
    <div data-testid="home-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: props.height ?? 280, width: '100%' }} opts={{ renderer: 'canvas' }} />
    </div>
  );
}
