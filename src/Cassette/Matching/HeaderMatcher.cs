namespace Cassette;

/// <summary>Compares the values of one header, its name ignoring case; a missing header equals no values.</summary>
internal sealed class HeaderMatcher : CanonicalMatcher
{
    public HeaderMatcher(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public override string Canonicalize(RecordedRequest request)
    {
        foreach (var (name, values) in request.Headers)
        {
            if (string.Equals(name, Name, StringComparison.OrdinalIgnoreCase))
            {
                return string.Join("\n", values);
            }
        }

        return "";
    }

    public override string ToString() => $"header \"{Name}\"";
}
