using Cassette.NUnit;

// The least specific attribute: the classes and methods that have their own use theirs.
[assembly: UseCassette(Root = "from-assembly")]
