// Original file: node_modules/google-gax/build/protos/google/type/expr.proto


export interface Expr {
  'expression'?: (string);
  'title'?: (string);
  'description'?: (string);
  'location'?: (string);
}

export interface Expr__Output {
  'expression': (string);
  'title': (string);
  'description': (string);
  'location': (string);
}
