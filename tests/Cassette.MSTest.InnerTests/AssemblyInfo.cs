using Cassette.MSTest;

// Every test of a CassetteTest class gets a cassette unless its class or method says otherwise;
// tests run two at a time, so each test's cassette must stay its own.
[assembly: UseCassette]
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.MethodLevel)]
