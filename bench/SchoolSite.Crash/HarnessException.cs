namespace SchoolSite.Crash;

/// <summary>The harness itself could not go on (a build missing, a server that did not start): not a finding about the host.</summary>
public sealed class HarnessException(string message) : Exception(message);
