namespace Clearline.Tests.Infrastructure;

/// <summary>
/// Tests that measure the process's heap or allocations run in this collection: alone, after the parallel tests,
/// so that other tests' allocations are not counted.
/// </summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;
