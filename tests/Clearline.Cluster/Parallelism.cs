// Every test here starts several clearline processes: they run one after the other, not competing for the machine.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
