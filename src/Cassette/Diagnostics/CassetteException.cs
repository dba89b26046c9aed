namespace Cassette;

/// <summary>
/// The base of every error Cassette raises about a cassette or its use: catch it to handle them
/// all. Each message says what happened and how to fix it.
/// </summary>
public abstract class CassetteException : Exception
{
    private protected CassetteException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
