import { metrics } from '../../../functions/shared/observability';

/**
 * Captures the business metrics the code counts: each single-metric set as its name, value and
 * dimensions. Metrics are disabled in tests (nothing is printed), so this is what can be read.
 */
export const spyOnBusinessMetrics = () => {
  const counted: { name: string; value: number; dimensions: Record<string, string> }[] = [];
  const spy = jest.spyOn(metrics, 'singleMetric').mockImplementation(() => {
    const dimensions: Record<string, string> = {};
    const single = {
      addDimension: (key: string, value: string) => {
        dimensions[key] = value;
      },
      addMetric: (name: string, _unit: unknown, value: number) => {
        counted.push({ name, value, dimensions });
      },
    };
    return single as unknown as ReturnType<typeof metrics.singleMetric>;
  });
  return { counted, restore: () => spy.mockRestore() };
};
