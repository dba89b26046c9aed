namespace Cassette;

/// <summary>
/// One recorded HTTP exchange: the request that was sent and the response that came back.
/// </summary>
/// <remarks>
/// Interactions are immutable. To change one, make a modified copy with a <c>with</c>
/// expression and put it in the cassette's list in place of the original; an interaction
/// that stays the same instance keeps its original text when the cassette is saved.
/// Ids are not part of the model: go-vcr numbers interactions 0..n-1 on every save.
/// Equality is by value, as for <see cref="RecordedRequest"/> and <see cref="RecordedResponse"/>.
/// </remarks>
/// <param name="Request">The request as it was sent.</param>
/// <param name="Response">The response as it was received.</param>
public sealed record Interaction(RecordedRequest Request, RecordedResponse Response);
