/** What the benchmark reports about a worker: the options the SDK compiled, as in force. */
function describeWorkerOptions(compiled, forced) {
  const slots = (supplier) => (supplier && supplier.type === 'fixed-size' ? supplier.numSlots : supplier ? supplier.type : null);
  const tuner = compiled.tuner || {};
  return {
    taskQueue: compiled.taskQueue,
    maxCachedWorkflows: compiled.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: slots(tuner.workflowTaskSlotSupplier),
    maxConcurrentActivityTaskExecutions: slots(tuner.activityTaskSlotSupplier),
    maxConcurrentLocalActivityExecutions: slots(tuner.localActivityTaskSlotSupplier),
    reuseV8Context: compiled.reuseV8Context !== false,
    heapSizeLimitMiB: Math.round(require('node:v8').getHeapStatistics().heap_size_limit / 1048576),
    forcedByBench: forced,
  };
}

module.exports = { describeWorkerOptions };
