// Every test here starts several clearline processes: one collection for the assembly, so they run one after the
// other rather than competing for the machine.
[assembly: Xunit.CollectionBehavior(Xunit.CollectionBehavior.CollectionPerAssembly)]
