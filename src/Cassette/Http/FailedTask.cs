using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Cassette;

/// <summary>Tasks for methods that do their work synchronously but must fail as async methods do.</summary>
internal static class FailedTask
{
    /// <summary>
    /// A task that fails as an async method would have: canceled for a cancellation, faulted
    /// otherwise (<see cref="Task.FromException{TResult}(Exception)"/> faults for both).
    /// </summary>
    public static async Task<T> Of<T>(Exception e)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        ExceptionDispatchInfo.Throw(e);
        throw new UnreachableException();
    }
}
