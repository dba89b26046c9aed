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

    /// <summary>Finds the value with the given name, or throws naming every valid one.</summary>
    /// <param name="name">The name as the user typed it.</param>
    /// <param name="kind">What the names are, for the message, such as <c>cassette mode</c>.</param>
    /// <exception cref="ArgumentException">The name is not one of <see cref="All"/>.</exception>
    public T Parse(string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name, out T value)
            ? value
            : throw new ArgumentException($"Unknown {kind} \"{name}\". Use one of: {string.Join(", ", All)}.", nameof(name));
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
