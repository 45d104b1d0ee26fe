#include "command.h"

namespace qk {

std::vector<Command>& commands() {
  static std::vector<Command> registry;  // constructed on first use, before any registration
  return registry;
}

}  // namespace qk
