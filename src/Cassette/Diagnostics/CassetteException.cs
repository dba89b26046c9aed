namespace Cassette;

/// <summary>The base of every error Cassette raises about a cassette or its use.</summary>
public abstract class CassetteException : Exception
{
    /// <summary>Creates the exception with a message that says what happened and how to fix it.</summary>
    protected CassetteException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
