namespace Cassette;

/// <summary>
/// The names of an enum's values as users type them (<c>new-episodes</c>, <c>compact-4</c>):
/// matched ignoring case and surrounding white space.
/// </summary>
internal sealed class EnumNames<T>(params (T Value, string Name)[] names)
    where T : struct, Enum
{
    /// <summary>The names, in the order given.</summary>
    public IReadOnlyList<string> All { get; } = names.Select(n => n.Name).ToArray();

    public bool TryName(T value, out string name)
    {
        foreach (var (candidate, candidateName) in names)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                name = candidateName;
                return true;
            }
        }

        name = "";
        return false;
    }

    public bool TryParse(string name, out T value)
    {
        string trimmed = name.Trim();
        foreach (var (candidate, candidateName) in names)
        {
            if (string.Equals(candidateName, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
