using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Sets variables, typically to fix the data an incident stumbled over before resolving it. Without a scope key the
/// process scope is meant; <paramref name="Local"/> writes into that scope only, otherwise each variable goes to the
/// nearest scope (from there outwards) that has it, else the process scope.
/// </summary>
public sealed record SetVariables(JsonObject Variables, long? ScopeKey = null, bool Local = false) : ProcessCommand;
