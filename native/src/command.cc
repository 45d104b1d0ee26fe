#include "command.h"

#include <cstring>

namespace qk {

std::vector<Command>& commands() {
  static std::vector<Command> registry;  // constructed on first use, before any registration
  return registry;
}

const char*& duplicate_command() {
  static const char* dup = nullptr;
  return dup;
}

RegisterCommand::RegisterCommand(const char* name, CommandFn fn) {
  for (const Command& c : commands())
    if (std::strcmp(c.name, name) == 0 && !duplicate_command()) duplicate_command() = name;
  commands().push_back(Command{name, fn});
}

}  // namespace qk
