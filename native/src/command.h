// Native commands of opaque ops (sort, matmul, ...): each .cc file registers its own by name at
// load time, so adding one touches no shared switch. JS looks the names up once (init) and calls
// exec() with the command's index; arguments travel in the shared block (launch.h).
#pragma once
#include <vector>

namespace qk {

constexpr int kFirstCommand = 16;  // exec() codes below this are the built-in launches

// Runs the command whose arguments are in g_args; returns nullptr, or an error message.
using CommandFn = const char* (*)();

struct Command {
  const char* name;
  CommandFn fn;
};

std::vector<Command>& commands();

// The first name registered twice, if any: the addon refuses to initialise (a silent override
// would run the wrong kernel).
const char*& duplicate_command();

struct RegisterCommand {
  RegisterCommand(const char* name, CommandFn fn);
};

}  // namespace qk
