import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Routes any throw or rejection to the error handler. Express 5 already forwards rejected
 * promises; this keeps synchronous throws inside callbacks and non-Express-5 routers honest too,
 * and documents intent at the route.
 */
export function asyncHandler<Req extends Request = Request>(
  handler: (req: Req, res: Response, next: NextFunction) => unknown,
): RequestHandler {
  return (req, res, next) => {
    try {
      Promise.resolve(handler(req as Req, res, next)).catch(next);
    } catch (error) {
      next(error);
    }
  };
}
