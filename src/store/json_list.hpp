#pragma once
// A list kept in one column as JSON in the shape the API shows it: written with the record's type's
// `to_json`, read back with `of`.
#include <boost/json.hpp>

#include <string>
#include <vector>

#include "store/entity.hpp"

namespace sp::store {
template <class R, class T>
Column<R> json_list(std::string name, std::vector<T> R::*m, std::vector<T> (*of)(const boost::json::value&)) {
  return custom<R>(
      std::move(name), [m, of](R& x, const Cursor& c, int i) { x.*m = of(boost::json::parse(c.text(i))); },
      [m](const R& x) -> Param { return boost::json::serialize(to_json(x.*m)); });
}
}  // namespace sp::store
