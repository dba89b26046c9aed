namespace Inner;

/// <summary>A theory argument xunit cannot serialize.</summary>
public sealed class Model(string name)
{
    public override string ToString() => name;
}
