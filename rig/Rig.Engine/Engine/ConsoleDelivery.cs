using System.Runtime.CompilerServices;

namespace Rig.Engine.Engine;

/// <summary>
/// Marks the console reader's thread while it runs the loop on new output. Reading must never
/// wait on the plan, so the loop does only linear-time matching and brief replies there, and
/// leaves (<see cref="Leave"/>) for anything else: a state change, a verdict, a slow action.
/// </summary>
internal static class ConsoleDelivery
{
    [ThreadStatic]
    private static bool t_delivering;

    /// <summary>True on the console reader's thread while it runs the loop.</summary>
    public static bool Here => t_delivering;

    /// <summary>Posts new-output news from the reader's thread; the loop, if waiting, runs here until it waits again or leaves.</summary>
    public static void Deliver(RunEventQueue queue, RunEvent ev)
    {
        t_delivering = true;
        try
        {
            queue.PostHere(ev);
        }
        finally
        {
            t_delivering = false;
        }
    }

    /// <summary>Continues on the thread pool when on the reader's thread; elsewhere, at once.</summary>
    public static LeaveAwaitable Leave() => default;

    internal readonly struct LeaveAwaitable : ICriticalNotifyCompletion
    {
        public LeaveAwaitable GetAwaiter() => this;

        public bool IsCompleted => !t_delivering;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) =>
            ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: false);

        public void UnsafeOnCompleted(Action continuation) =>
            ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
    }
}
